package dev.sessionhealth.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.DiscardReason;
import dev.sessionhealth.SessionStatus;
import dev.sessionhealth.internal.DiscardCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The sender sleeps through single updates and is woken by a half-full queue or an explicit wake. */
class UpdateQueueTest {

    private static final long LONG_SLEEP_MILLIS = 60_000;

    private static SessionUpdate update() {
        return new SessionUpdate(null, 0, SessionStatus.OK, 0, false);
    }

    /** A sender stand-in: one long sleep in {@code poll}, then what it took. */
    private static CompletableFuture<List<SessionUpdate>> sleepingSender(UpdateQueue queue) {
        return CompletableFuture.supplyAsync(() -> {
            List<SessionUpdate> into = new ArrayList<>();
            try {
                queue.poll(into, Integer.MAX_VALUE, LONG_SLEEP_MILLIS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return into;
        });
    }

    @Test
    void updatesBelowHalfTheCapacityDoNotWakeTheSenderAndTheOneThatFillsHalfDoes() throws Exception {
        UpdateQueue queue = new UpdateQueue(10, new DiscardCounters());
        CompletableFuture<List<SessionUpdate>> sender = sleepingSender(queue);
        for (int i = 0; i < 4; i++) {
            assertTrue(queue.offer(update()));
        }
        Thread.sleep(300); // time enough to have woken, had an update woken it
        assertFalse(sender.isDone(), "four of ten woke the sender");
        assertEquals(4, queue.size());
        assertTrue(queue.offer(update()));
        assertEquals(5, sender.get(10, TimeUnit.SECONDS).size());
        assertEquals(0, queue.size());
    }

    @Test
    void aWakeEndsTheSleepAndOneAskedForBeforeTheSleepIsNotLost() throws Exception {
        UpdateQueue queue = new UpdateQueue(10, new DiscardCounters());
        CompletableFuture<List<SessionUpdate>> sender = sleepingSender(queue);
        queue.offer(update());
        Thread.sleep(100);
        queue.wake();
        assertEquals(1, sender.get(10, TimeUnit.SECONDS).size());

        queue.wake(); // nobody sleeps now: the next sleep must return at once
        assertEquals(0, sleepingSender(queue).get(10, TimeUnit.SECONDS).size());
    }

    @Test
    void aFullQueueDropsAndCountsWhatDoesNotFit() throws Exception {
        DiscardCounters discards = new DiscardCounters();
        UpdateQueue queue = new UpdateQueue(3, discards);
        for (int i = 0; i < 5; i++) {
            queue.offer(update());
        }
        assertEquals(3, queue.size());
        assertEquals(5, queue.recorded());
        assertEquals(2L, discards.totals().get(DiscardReason.QUEUE_OVERFLOW));
        List<SessionUpdate> into = new ArrayList<>();
        assertEquals(3, queue.poll(into, Integer.MAX_VALUE, 0));
    }
}
