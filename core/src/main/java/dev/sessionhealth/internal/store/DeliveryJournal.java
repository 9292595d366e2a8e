package dev.sessionhealth.internal.store;

import dev.sessionhealth.internal.send.PendingUpdates;
import java.util.List;

/**
 * What the delivery tells the journal: which updates the ingest accepted, which were given up, and
 * which were evicted from memory to wait on disk. {@link #NONE} without persistence. Sender thread only.
 */
public interface DeliveryJournal {

    /**
     * The envelope carrying these went out whole and its answer is awaited: should the process die
     * before the answer, the ingest may have counted them, so their starts and ends are taken as
     * delivered (an unknown outcome). One of the calls below follows once the answer came.
     */
    default void wentOut(List<PendingUpdates.Entry> entries) {
    }

    /** The ingest accepted these (or may have: an unknown outcome): starts and ends are not sent again. */
    void accepted(List<PendingUpdates.Entry> entries);

    /** These will never be sent (refused for good, invalid, dropped by the application's hook). */
    void givenUp(List<PendingUpdates.Entry> entries);

    /** These were not delivered and are sent again later (no connection, 429, 5xx). */
    default void kept(List<PendingUpdates.Entry> entries) {
    }

    /**
     * Keeps these on disk only, to be read back when there is room; false if it cannot (no journal,
     * or the disk failed: by default), and the caller drops and counts them.
     */
    default boolean evict(List<PendingUpdates.Entry> entries) {
        return false;
    }

    /** Recorded updates waiting on disk only (none by default). */
    default long evictedUpdates() {
        return 0;
    }

    /** Reads back up to {@code max} evicted sessions whose updates can be sent now (none by default). */
    default List<PendingUpdates.Entry> reload(int max) {
        return List.of();
    }

    DeliveryJournal NONE = new DeliveryJournal() {
        @Override
        public void accepted(List<PendingUpdates.Entry> entries) {
        }

        @Override
        public void givenUp(List<PendingUpdates.Entry> entries) {
        }
    };
}
