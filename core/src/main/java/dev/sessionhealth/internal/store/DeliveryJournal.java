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
     * or the disk failed), and the caller drops and counts them.
     */
    boolean evict(List<PendingUpdates.Entry> entries);

    /** Recorded updates waiting on disk only. */
    long evictedUpdates();

    /** Reads back up to {@code max} evicted sessions whose updates can be sent now. */
    List<PendingUpdates.Entry> reload(int max);

    DeliveryJournal NONE = new DeliveryJournal() {
        @Override
        public void accepted(List<PendingUpdates.Entry> entries) {
        }

        @Override
        public void givenUp(List<PendingUpdates.Entry> entries) {
        }

        @Override
        public boolean evict(List<PendingUpdates.Entry> entries) {
            return false;
        }

        @Override
        public long evictedUpdates() {
            return 0;
        }

        @Override
        public List<PendingUpdates.Entry> reload(int max) {
            return List.of();
        }
    };
}
