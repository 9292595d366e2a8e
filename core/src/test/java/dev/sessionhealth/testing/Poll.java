package dev.sessionhealth.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for what another thread or process does: checks a condition, pausing between checks, until
 * it holds, and fails with what it waited for once the bound has passed. It never passes silently
 * and asserts nothing about time: the bound is a guard against hanging, generous on purpose, not a
 * claim about how fast anything is.
 *
 * <pre>{@code
 * Poll.atMost(Duration.ofSeconds(30)).until("the sender is sending", () -> inFlight.get() > 0);
 * JsonNode done = Poll.atMost(Duration.ofSeconds(60)).every(Duration.ofMillis(100))
 *         .until("the simulation is over", this::status, s -> !s.get("running").asBoolean());
 * }</pre>
 *
 * <p>The condition is checked at least once, and once more after the bound has passed, so a slow
 * machine only ever makes a wait longer, never a pass a failure it need not be. An exception from the
 * condition ends the wait at once (an {@link AssertionError} in it fails the test as it is), unless
 * its type was given to {@link #ignoring}: then it counts as "not yet", and the last one is reported
 * if the wait times out.
 */
public final class Poll {

    /** A condition that may throw, such as one that reads a file or asks a server. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private static final Duration DEFAULT_INTERVAL = Duration.ofMillis(10);

    private final Duration timeout;
    private final Duration interval;
    private final List<Class<? extends Exception>> ignored;

    private Poll(Duration timeout, Duration interval, List<Class<? extends Exception>> ignored) {
        if (timeout.isNegative() || interval.isNegative()) {
            throw new IllegalArgumentException("negative timeout or interval: " + timeout + ", " + interval);
        }
        this.timeout = timeout;
        this.interval = interval;
        this.ignored = ignored;
    }

    /** Waits at most this long (then fails), checking every 10 ms. */
    public static Poll atMost(Duration timeout) {
        return new Poll(timeout, DEFAULT_INTERVAL, List.of());
    }

    /** The pause between two checks ({@link Duration#ZERO}: none, for conditions that block by themselves). */
    public Poll every(Duration pause) {
        return new Poll(timeout, pause, ignored);
    }

    /** Exceptions of this type (and its subtypes) thrown by the condition mean "not yet". */
    public Poll ignoring(Class<? extends Exception> type) {
        List<Class<? extends Exception>> more = new ArrayList<>(ignored);
        more.add(type);
        return new Poll(timeout, interval, List.copyOf(more));
    }

    /** Returns once {@code condition} holds; fails saying {@code what} was awaited if it does not in time. */
    public void until(String what, Condition condition) throws InterruptedException {
        until(() -> what, condition);
    }

    /** As {@link #until(String, Condition)}, with a description made when the wait fails (it may show the state then). */
    public void until(Supplier<String> what, Condition condition) throws InterruptedException {
        poll(what, condition::holds, Boolean.TRUE::equals, false);
    }

    /**
     * Reads {@code value} until {@code accepted} holds for it and returns that value; fails saying
     * {@code what} was awaited, and the last value read, if it does not in time.
     */
    public <T> T until(String what, Callable<T> value, Predicate<? super T> accepted) throws InterruptedException {
        return until(() -> what, value, accepted);
    }

    /** As {@link #until(String, Callable, Predicate)}, with a description made when the wait fails. */
    public <T> T until(Supplier<String> what, Callable<T> value, Predicate<? super T> accepted)
            throws InterruptedException {
        return poll(what, value, accepted, true);
    }

    private <T> T poll(Supplier<String> what, Callable<T> value, Predicate<? super T> accepted, boolean showValue)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        boolean read = false;
        Exception failure = null;
        while (true) {
            boolean lastCheck = System.nanoTime() - deadline >= 0; // taken before the check: one check after the bound
            try {
                T v = value.call();
                if (accepted.test(v)) {
                    return v;
                }
                last = v;
                read = true;
                failure = null;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (!isIgnored(e)) {
                    if (e instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException("while waiting for " + what.get(), e);
                }
                failure = e;
            }
            if (lastCheck) {
                StringBuilder message = new StringBuilder("gave up after ").append(format(timeout))
                        .append(" waiting for: ").append(what.get());
                if (showValue && read) {
                    message.append("\nlast value: ").append(last);
                }
                if (failure != null) {
                    message.append("\nlast check failed: ").append(failure);
                }
                throw new AssertionError(message.toString(), failure);
            }
            pause();
        }
    }

    private boolean isIgnored(Exception e) {
        for (Class<? extends Exception> type : ignored) {
            if (type.isInstance(e)) {
                return true;
            }
        }
        return false;
    }

    private void pause() throws InterruptedException {
        if (interval.isZero()) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Thread.yield();
        } else {
            Thread.sleep(interval.toMillis(), interval.toNanosPart() % 1_000_000);
        }
    }

    private static String format(Duration d) {
        return d.toNanos() % 1_000_000_000L == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
