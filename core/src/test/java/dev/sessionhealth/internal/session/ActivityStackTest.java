package dev.sessionhealth.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ActivityStackTest {

    private static final SessionAttributes ATTRS = new SessionAttributes("shop@1.0", null, null, null, null);

    private static SessionState session() {
        return new SessionState(UUID.randomUUID(), 1_000, ATTRS, 0, true);
    }

    @Test
    void aSessionIsHandedOverOnceUntilTheJournalTookIt() {
        ActivityStack stack = new ActivityStack();
        SessionState a = session();
        SessionState b = session();
        assertTrue(a.noteActivityForJournal());
        stack.push(a);
        assertFalse(a.noteActivityForJournal(), "waiting already");
        assertTrue(b.noteActivityForJournal());
        stack.push(b);

        List<SessionState> taken = new ArrayList<>();
        for (SessionState s = stack.takeAll(); s != null; ) {
            SessionState next = ActivityStack.next(s);
            taken.add(s);
            assertNull(s.activityNext, "unlinked");
            s = next;
        }
        assertEquals(2, taken.size());
        assertTrue(taken.contains(a) && taken.contains(b));
        assertNull(stack.takeAll());

        assertFalse(a.noteActivityForJournal(), "taken, but its note is not released until the journal says so");
        a.activityJournaled();
        assertTrue(a.noteActivityForJournal());
        stack.push(a);
        assertSame(a, stack.takeAll());
    }

    /**
     * Threads hand the same few sessions over as fast as they can while one takes them, as request
     * threads and the sender do: every hand-over arrives once, and none twice (a session pushed twice
     * would link to itself and the chain would never end).
     */
    @Test
    void racingRequestsHandEachNoteOverExactlyOnce() throws Exception {
        ActivityStack stack = new ActivityStack();
        SessionState[] sessions = new SessionState[4];
        Map<SessionState, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < sessions.length; i++) {
            sessions[i] = session();
            index.put(sessions[i], i);
        }
        AtomicIntegerArray pushed = new AtomicIntegerArray(sessions.length);
        int[] taken = new int[sessions.length];
        int threads = 3;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread pusher = new Thread(() -> {
                try {
                    start.await();
                    for (int n = 0; n < 2_000_000; n++) {
                        int i = ThreadLocalRandom.current().nextInt(sessions.length);
                        if (sessions[i].noteActivityForJournal()) {
                            stack.push(sessions[i]);
                            pushed.incrementAndGet(i);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
            pusher.setDaemon(true);
            pusher.start();
        }
        AtomicBoolean cycle = new AtomicBoolean();
        start.countDown();
        boolean last = false;
        while (!last) {
            last = done.getCount() == 0; // one more pass after every pusher finished
            int inChain = 0;
            for (SessionState s = stack.takeAll(); s != null; ) {
                if (++inChain > sessions.length) {
                    cycle.set(true);
                    break;
                }
                SessionState next = ActivityStack.next(s);
                taken[index.get(s)]++;
                s.activityJournaled(); // released: its next request hands it over again
                s = next;
            }
            if (cycle.get()) {
                break;
            }
        }
        assertFalse(cycle.get(), "a session was in the chain twice");
        int total = 0;
        for (int i = 0; i < sessions.length; i++) {
            assertEquals(pushed.get(i), taken[i], "session " + i);
            total += taken[i];
        }
        assertTrue(total > sessions.length, "the threads raced: " + total + " hand-overs");
    }
}
