package dev.sessionhealth.testing;

import dev.sessionhealth.internal.session.UpdateQueue;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread factory for the sender that remembers its threads and can hold them at the gate until
 * {@link #open()}, so a test can record everything before the sender reads any of it, and tells when
 * they sleep between passes.
 */
public final class GatedThreads implements ThreadFactory {

    private final CountDownLatch gate;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private GatedThreads(boolean closed) {
        this.gate = new CountDownLatch(closed ? 1 : 0);
    }

    /** Threads that wait until {@link #open()}. */
    public static GatedThreads closed() {
        return new GatedThreads(true);
    }

    /** Threads that run at once (only recorded). */
    public static GatedThreads open() {
        return new GatedThreads(false);
    }

    public void openGate() {
        gate.countDown();
    }

    public List<Thread> threads() {
        return List.copyOf(threads);
    }

    /**
     * Whether a thread made here runs and every one that does sleeps in the update queue until its
     * next pass. A sender seen so after the ingest received an envelope is done with the answer: a
     * test that moves the sender's ticker now moves it after the backoff was set, not before.
     */
    public boolean allIdle() {
        List<Thread> live = threads.stream().filter(Thread::isAlive).toList();
        return !live.isEmpty() && live.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING
                && LockSupport.getBlocker(t) instanceof UpdateQueue);
    }

    /** Whether every thread made here has ended. */
    public boolean allEnded() {
        return threads.stream().noneMatch(Thread::isAlive);
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            r.run();
        }, "test-sender-" + threads.size());
        t.setDaemon(true);
        threads.add(t);
        return t;
    }
}
