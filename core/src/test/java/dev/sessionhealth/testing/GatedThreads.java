package dev.sessionhealth.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;

/**
 * A thread factory for the sender that remembers its threads and can hold them at the gate until
 * {@link #open()}, so a test can record everything before the sender reads any of it.
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
