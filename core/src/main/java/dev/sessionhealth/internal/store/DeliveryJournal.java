package dev.sessionhealth.internal.store;

import dev.sessionhealth.internal.send.PendingUpdates;
import java.util.List;

/**
 * What the delivery tells the journal: which updates the ingest accepted, which were given up, and
 * which were evicted from memory to wait on disk. {@link #NONE} without persistence. Sender thread only.
 */
public interface DeliveryJournal {

    /** The ingest accepted these (or may have: an unknown outcome): starts and ends are not sent again. */
    void accepted(List<PendingUpdates.Entry> entries);

    /** These will never be sent (refused for good, invalid, dropped by the application's hook). */
    void givenUp(List<PendingUpdates.Entry> entries);

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
