package dev.sessionhealth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void returnsOnceTheConditionHolds() throws InterruptedException {
        AtomicInteger checks = new AtomicInteger();
        Poll.atMost(BOUND).until("the third check", () -> checks.incrementAndGet() == 3);
        assertEquals(3, checks.get());
    }

    @Test
    void checksOnceMoreAfterTheBoundAndThenFailsSayingWhatItAwaited() {
        AtomicInteger checks = new AtomicInteger();
        AssertionError e = assertThrows(AssertionError.class, () -> Poll.atMost(Duration.ZERO)
                .until(() -> "never, after " + checks.get() + " checks", () -> {
                    checks.incrementAndGet();
                    return false;
                }));
        assertEquals(1, checks.get(), "a bound already passed: one check");
        assertEquals("gave up after 0 s waiting for: never, after 1 checks", e.getMessage());
    }

    @Test
    void returnsTheAcceptedValueOrFailsWithTheLastOne() throws InterruptedException {
        AtomicInteger n = new AtomicInteger();
        assertEquals(5, Poll.atMost(BOUND).every(Duration.ZERO).until("five", n::incrementAndGet, v -> v == 5));
        AssertionError e = assertThrows(AssertionError.class,
                () -> Poll.atMost(Duration.ofMillis(50)).until("a negative", () -> 7, v -> v < 0));
        assertEquals("gave up after 50 ms waiting for: a negative\nlast value: 7", e.getMessage());
    }

    @Test
    void ignoredExceptionsMeanNotYetAndTheLastOneIsReported() throws InterruptedException {
        AtomicInteger checks = new AtomicInteger();
        Poll.atMost(BOUND).ignoring(UncheckedIOException.class).until("listening", () -> {
            if (checks.incrementAndGet() < 3) {
                throw new UncheckedIOException(new IOException("refused"));
            }
            return true;
        });
        IOException refused = new IOException("still refused");
        AssertionError e = assertThrows(AssertionError.class, () -> Poll.atMost(Duration.ofMillis(30))
                .ignoring(IOException.class).until("listening", () -> {
                    throw refused;
                }));
        assertSame(refused, e.getCause());
        assertTrue(e.getMessage().endsWith("last check failed: java.io.IOException: still refused"), e.getMessage());
    }

    @Test
    void otherExceptionsAndAssertionsEndTheWaitAtOnce() {
        AtomicInteger checks = new AtomicInteger();
        IllegalStateException state = new IllegalStateException("broken");
        assertSame(state, assertThrows(IllegalStateException.class, () -> Poll.atMost(BOUND).until("x", () -> {
            checks.incrementAndGet();
            throw state;
        })));
        AssertionError died = new AssertionError("the process died");
        assertSame(died, assertThrows(AssertionError.class, () -> Poll.atMost(BOUND).until("x", () -> {
            checks.incrementAndGet();
            throw died;
        })));
        IllegalStateException wrapped = assertThrows(IllegalStateException.class,
                () -> Poll.atMost(BOUND).until("the file", () -> {
                    checks.incrementAndGet();
                    throw new IOException("unreadable");
                }));
        assertEquals("while waiting for the file", wrapped.getMessage());
        assertEquals(3, checks.get(), "one check each");
    }
}
