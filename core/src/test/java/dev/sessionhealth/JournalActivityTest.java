package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.RequestSessions;
import dev.sessionhealth.testing.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the journal writes about a session's activity, read from its file: the first request after a
 * quiet spell is journaled at the next commit, a busy session costs one activity record per
 * ten-second window, not one per request or per second, and a session that went quiet is released,
 * so that its next request is journaled again.
 */
@Timeout(120)
class JournalActivityTest extends LocalIngestTest {

    /**
     * The activity window the docs promise, written out rather than read from {@code JournalKeeper}:
     * a shorter window in the code fails the busy session's count, a longer one its release.
     */
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    @TempDir
    Path state;

    @Test
    void aBusySessionIsJournaledOncePerWindowAndAQuietOnesNextRequestAtOnce() throws Exception {
        manager = SessionManager.builder(SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1")
                .stateDirectory(state.toString()).build()).build();
        RequestSessions sessions = RequestSessions.of(manager, "test");
        sessions.finish(sessions.open("busy", null, null, null)); // the first requests: the sessions start
        sessions.finish(sessions.open("quiet", null, null, null));
        assertTrue(manager.flush(Duration.ofSeconds(20)), "both starts journaled and delivered");
        String busy = ((DefaultSessionManager) manager).registry().get("busy").sidHex();
        String quiet = ((DefaultSessionManager) manager).registry().get("quiet").sidHex();
        assertEquals(0, activityRecords(busy), "no activity after the busy session's first request");
        assertEquals(0, activityRecords(quiet), "no activity after the quiet session's first request");

        // one request of the quiet session: journaled at the next commit (the sender commits every
        // 100 ms), with no window to wait for
        sessions.finish(sessions.open("quiet", null, null, null));
        Poll.atMost(Duration.ofSeconds(8)).until("the quiet session's request is journaled",
                () -> activityRecords(quiet) == 1);

        // the busy session: a request every 20 ms for three seconds, across many ticks of the request clock
        long begin = System.nanoTime();
        while (System.nanoTime() - begin < TimeUnit.SECONDS.toNanos(3)) {
            sessions.finish(sessions.open("busy", null, null, null));
            Thread.sleep(20);
        }
        long lastBusyRequest = System.nanoTime();
        Poll.atMost(Duration.ofSeconds(30)).until("the busy session's activity is journaled",
                () -> activityRecords(busy) >= 1);
        assertTrue(manager.flush(Duration.ofSeconds(20)));
        long records = activityRecords(busy);
        long elapsed = System.nanoTime() - begin;
        // its first hand-over, then at most one more at each window boundary passed since then (one
        // per second would have written three or more here)
        long allowed = 2 + elapsed / WINDOW_NANOS;
        assertTrue(records <= allowed, records + " activity records in " + elapsed / 1_000_000 + " ms, at most "
                + allowed);
        assertEquals(1, activityRecords(quiet), "the quiet session had one request since its start");

        // two windows after its last request the busy session is released (the first window's end
        // journals what moved before it, the second finds it quiet): its next request is journaled at
        // the next commit again, not lost
        long wait = 2 * WINDOW_NANOS + TimeUnit.SECONDS.toNanos(1) - (System.nanoTime() - lastBusyRequest);
        Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(wait)));
        long before = activityRecords(busy);
        sessions.finish(sessions.open("busy", null, null, null));
        Poll.atMost(Duration.ofSeconds(8)).until("the busy session's request two windows later is journaled",
                () -> activityRecords(busy) > before);
    }

    /** The activity records of {@code sid} in the journal's file now. */
    private long activityRecords(String sid) throws IOException {
        String marker = "{\"k\":\"a\",\"sid\":\"" + sid + "\"";
        try (var lines = Files.lines(state.resolve("sessions.log"))) {
            return lines.filter(l -> l.startsWith(marker)).count();
        }
    }
}
