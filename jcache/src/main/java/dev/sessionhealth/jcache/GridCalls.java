package dev.sessionhealth.jcache;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls to the cache that the caller waits for at most a bound: each runs on a thread of its own
 * pool, so a grid that hangs (a member frozen, a network cut: a client may wait minutes before it
 * gives up) holds that thread, never the request's. A call that did not answer in time, or failed,
 * has an unknown outcome: the operation may have run, or may still run.
 */
final class GridCalls implements AutoCloseable {

    /** A call that did not answer within its bound, failed, or could not be made. */
    static final class Unanswered extends Exception {
        private static final long serialVersionUID = 1L;

        Unanswered(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** Calls waiting on the grid at once at most; one more is refused (the grid is not keeping up). */
    static final int MAX_CALLS = 64;

    private final ThreadPoolExecutor pool;
    private final long timeoutMillis;

    GridCalls(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, MAX_CALLS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "sessionhealth-cache-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    /** {@code call}'s result, if it answers within the bound. */
    <T> T call(Callable<T> call) throws Unanswered {
        return call(call, timeoutMillis);
    }

    /** {@code call}'s result, if it answers within {@code boundMillis}. */
    <T> T call(Callable<T> call, long boundMillis) throws Unanswered {
        Future<T> f;
        try {
            f = pool.submit(call);
        } catch (RejectedExecutionException e) {
            throw new Unanswered(MAX_CALLS + " calls wait on the cache already", e);
        }
        try {
            return f.get(boundMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // not interrupted: the client's own timeout frees the thread; the outcome stays unknown
            f.cancel(false);
            throw new Unanswered("no answer within " + boundMillis + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof Error error && !(cause instanceof StackOverflowError)) {
                throw error;
            }
            throw new Unanswered(cause.toString(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unanswered("interrupted while waiting", e);
        }
    }

    @Override
    public void close() {
        pool.shutdown(); // calls still waiting on the grid end with the client's own timeout
    }
}
