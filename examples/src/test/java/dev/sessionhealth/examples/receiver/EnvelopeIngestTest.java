package dev.sessionhealth.examples.receiver;

import static dev.sessionhealth.examples.receiver.Envelopes.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionhealth.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeIngestTest {

    private static final String SID_A = "4b7f0c1e9a2d4c5e8f1a2b3c4d5e6f70";
    private static final String SID_B = "5c8f0c1e9a2d4c5e8f1a2b3c4d5e6f71";

    private final Instant now = Instant.parse("2026-11-28T10:00:30Z");
    private final MovableClock clock = new MovableClock(now);
    private final ReleaseHealthBoard board = new ReleaseHealthBoard(clock, 50, 10);
    private final EnvelopeIngest ingest = new EnvelopeIngest(board, new ObjectMapper());
    private final Instant started = now.minusSeconds(20);

    private String rejectionOf(String payload) {
        ingest.receive(Envelopes.sentAt(now).item("session", payload).bytes(), null);
        ReceivedUpdate latest = board.stats().latest().get(0);
        return latest.rejection();
    }

    @Test
    void countsASessionOnceOnInitAndBucketsItByItsFinalStatus() {
        receive(session(SID_A, true, "ok", 0, started, started, "shop@1.0", ""),
                session(SID_A, false, "ok", 1, started, now, "shop@1.0", ""),
                session(SID_A, false, "exited", 1, started, now, "shop@1.0", ""));

        HealthCounts totals = board.stats().totals();

        assertEquals(1, totals.started());
        assertEquals(1, totals.errored());
        assertEquals(0, totals.exited() + totals.live() + totals.crashed());
        assertEquals(100.0, totals.crashFreeSessions());
        assertEquals(3, board.stats().accepted());
    }

    @Test
    void crashFreeRatesCountSessionsAndDistinctUsers() {
        String sid3 = "6d8f0c1e9a2d4c5e8f1a2b3c4d5e6f72";
        String sid4 = "7e8f0c1e9a2d4c5e8f1a2b3c4d5e6f73";
        receive(session(SID_A, true, "crashed", 1, started, now, "shop@1.0", ",\"did\":\"alice\""),
                session(SID_B, true, "exited", 0, started, now, "shop@1.0", ",\"did\":\"alice\""),
                session(sid3, true, "exited", 0, started, now, "shop@1.0", ",\"did\":\"bob\""),
                session(sid4, true, "ok", 0, started, now, "shop@1.0", ""));

        HealthCounts totals = board.stats().totals();

        assertEquals(4, totals.started());
        assertEquals(75.0, totals.crashFreeSessions());
        assertEquals(2, totals.users());
        assertEquals(50.0, totals.crashFreeUsers());
        assertEquals(1, totals.live());
        assertEquals(20.0, totals.averageDurationSeconds());
    }

    @Test
    void rejectsWhatTheIngestWouldDropWithTheReason() {
        assertEquals("release is a name the ingest rejects",
                rejectionOf(session(SID_A, true, "ok", 0, started, now, "latest", "")));
        assertEquals("attrs.release missing", rejectionOf("{\"sid\":\"" + SID_A + "\",\"started\":\"" + started + "\"}"));
        assertEquals("sid is not a UUID (32 hex digits)",
                rejectionOf(session("42", true, "ok", 0, started, now, "shop@1.0", "")));
        assertEquals("started more than 5 days ago",
                rejectionOf(session(SID_A, true, "ok", 0, now.minus(Duration.ofDays(6)), now, "shop@1.0", "")));
        assertEquals("timestamp more than 60 s in the future",
                rejectionOf(session(SID_A, true, "ok", 0, started, now.plusSeconds(120), "shop@1.0", "")));
        assertEquals("unknown status 'failed'", rejectionOf(session(SID_A, true, "failed", 1, started, now, "shop@1.0", "")));
        assertEquals("crashed with errors = 0 (a crash is an error)",
                rejectionOf(session(SID_A, true, "crashed", 0, started, now, "shop@1.0", "")));
        assertEquals("did is not a string", rejectionOf(session(SID_A, true, "ok", 0, started, now, "shop@1.0", ",\"did\":42")));
        assertEquals("started is not an RFC 3339 UTC timestamp: 2026-11-28T10:00:10",
                rejectionOf(session(SID_A, true, "ok", 0, started, now, "shop@1.0", "")
                        .replace(started.toString(), "2026-11-28T10:00:10")));
        assertEquals(0, board.stats().totals().started());
        assertEquals(9, board.stats().rejected());
    }

    @Test
    void rejectsUpdatesThatBreakTheSessionLifecycle() {
        receive(session(SID_A, false, "exited", 0, started, now, "shop@1.0", ""));
        assertEquals(1, board.stats().waitingForInit(), "an update before its init waits for it");
        assertEquals(0, board.stats().rejected());
        clock.advance(ReleaseHealthBoard.WAIT_FOR_INIT);
        assertEquals("update for a session never sent with init:true", board.stats().latest().get(0).rejection());
        assertEquals(0, board.stats().waitingForInit());
        assertNull(rejectionOf(session(SID_B, true, "ok", 0, started, started, "shop@1.0", "")));
        assertEquals("init:true again for a session already started",
                rejectionOf(session(SID_B, true, "ok", 0, started, now, "shop@1.0", "")));
        assertEquals("did, started or attrs changed after the first transmission",
                rejectionOf(session(SID_B, false, "ok", 0, started, now, "shop@2.0", "")));
        assertNull(rejectionOf(session(SID_B, false, "crashed", 1, started, now, "shop@1.0", "")));
        assertEquals("update after terminal status 'crashed'",
                rejectionOf(session(SID_B, false, "crashed", 1, started, now, "shop@1.0", "")));

        HealthCounts totals = board.stats().totals();
        assertEquals(1, totals.started());
        assertEquals(1, totals.crashed(), "sending crashed twice must not count two crashes");
    }

    /** With several nodes, the node that ends a session may deliver before the one that started it. */
    @Test
    void countsAnEndThatArrivesBeforeItsInitOnceTheInitArrives() {
        receive(session(SID_A, false, "crashed", 2, started, now, "shop@1.0", ""));
        assertEquals(0, board.stats().totals().started());
        assertEquals(1, board.stats().waitingForInit());

        receive(session(SID_A, true, "ok", 0, started, started, "shop@1.0", ""));

        HealthCounts totals = board.stats().totals();
        assertEquals(1, totals.started());
        assertEquals(1, totals.crashed(), totals::toString);
        assertEquals(0, totals.live(), totals::toString);
        assertEquals(0, board.stats().waitingForInit());
        assertEquals(2, board.stats().accepted());
        assertEquals(0, board.stats().rejected());
    }

    @Test
    void keepsASessionWhoseEnvironmentIsInvalidButStripsTheEnvironment() {
        assertNull(rejectionOf(session(SID_A, true, "ok", 0, started, now, "shop@1.0", "")
                .replace("\"environment\":\"test\"", "\"environment\":\"none\"")));

        assertNull(board.stats().releases().get(0).environment());
    }

    @Test
    void correctsTheClientClockThroughSentAtOnlyWhenItIsOffByAnHourOrSo() {
        Duration drift = Duration.ofHours(2);
        String late = session(SID_A, true, "ok", 0, started.minus(drift), now.minus(drift), "shop@1.0", "");
        ingest.receive(Envelopes.sentAt(now.minus(drift)).item("session", late).bytes(), null);
        assertNull(board.stats().latest().get(0).rejection());
        assertEquals(List.of(1L), board.stats().minutes().stream().map(MinuteHealth::live).filter(n -> n > 0).toList(),
                "counted in the minute it really started");

        Duration small = Duration.ofMinutes(10);
        String ahead = session(SID_B, true, "ok", 0, now.plus(small), now.plus(small), "shop@1.0", "");
        ingest.receive(Envelopes.sentAt(now.plus(small)).item("session", ahead).bytes(), null);
        assertEquals("timestamp more than 60 s in the future", board.stats().latest().get(0).rejection());
    }

    @Test
    void countsAggregatesIntoTheirBucketsAndMinutes() {
        String payload = "{\"aggregates\":[{\"started\":\"2026-11-28T09:59:00Z\",\"exited\":7,\"errored\":2,\"crashed\":1},"
                + "{\"started\":\"2026-11-28T10:00:00Z\",\"exited\":5}],\"attrs\":{\"release\":\"api@3\"}}";
        ingest.receive(Envelopes.sentAt(now).item("sessions", payload).bytes(), null);

        HealthStats stats = board.stats();

        assertEquals(15, stats.totals().started());
        assertEquals(12, stats.totals().exited());
        assertEquals(100.0 * 14 / 15, stats.totals().crashFreeSessions());
        assertEquals(0, stats.totals().users());
        assertNull(stats.totals().crashFreeUsers(), "aggregates carry no users");
        MinuteHealth last = stats.minutes().get(stats.minutes().size() - 1);
        MinuteHealth before = stats.minutes().get(stats.minutes().size() - 2);
        assertEquals(5, last.exited());
        assertEquals(10, before.exited() + before.errored() + before.crashed());
    }

    @Test
    void answers413AndCountsNothingForMoreThanAHundredSessionItems() {
        Envelopes envelope = Envelopes.sentAt(now);
        for (int i = 0; i < 101; i++) {
            envelope.item("session", session(String.format("%032x", i + 1), true, "ok", 0, started, now, "shop@1.0", ""));
        }

        assertEquals(413, ingest.receive(envelope.bytes(), null).status());
        assertEquals(0, board.stats().totals().started());
        assertEquals(1, board.stats().rejected());
    }

    @Test
    void readsGzippedEnvelopesAndRejectsBrokenGzip() throws Exception {
        byte[] zipped = Envelopes.sentAt(now).item("session",
                session(SID_A, true, "ok", 0, started, now, "shop@1.0", "")).gzipped();

        assertEquals(200, ingest.receive(zipped, "gzip").status());
        assertEquals(1, board.stats().totals().started());
        assertEquals(400, ingest.receive(new byte[] {1, 2, 3}, "gzip").status());
        assertEquals("malformed envelope: body is not valid gzip", board.stats().latest().get(0).rejection());
    }

    @Test
    void addsUpClientReportsAndSkipsUnknownItems() {
        String report = "{\"timestamp\":\"" + now + "\",\"discarded_events\":[{\"reason\":\"queue_overflow\","
                + "\"category\":\"session\",\"quantity\":23}]}";
        ingest.receive(Envelopes.sentAt(now).item("client_report", report).item("profile", "{}").bytes(), null);

        assertEquals(Long.valueOf(23), board.stats().clientDiscards().get("queue_overflow (session)"));
        assertEquals(0, board.stats().accepted() + board.stats().rejected());
    }

    private void receive(String... payloads) {
        Envelopes envelope = Envelopes.sentAt(now);
        for (String p : payloads) {
            envelope.item("session", p);
        }
        assertEquals(200, ingest.receive(envelope.bytes(), null).status());
    }
}
