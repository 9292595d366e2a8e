package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.session.SessionState;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.IngestLedger;
import dev.sessionhealth.testing.LogCapture;
import dev.sessionhealth.testing.MovableClock;
import dev.sessionhealth.testing.ReceivedEnvelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A state directory that cannot be used, or that holds damaged files a previous process left: the
 * application starts and its calls never fail, sessions are delivered (from memory if need be), the
 * damage is skipped and counted, and what is still readable is delivered once.
 */
@Timeout(120)
class StateDirectoryFaultTest {

    private static final String RELEASE = "shop@2.4.1";

    @TempDir
    Path tmp;

    private final FakeIngest ingest = FakeIngest.start();
    private final MovableClock clock = new MovableClock();
    private LogCapture log;

    @BeforeEach
    void captureWarnings() {
        log = LogCapture.start();
    }

    @AfterEach
    void stopIngest() {
        log.close();
        ingest.close();
    }

    private SessionOptions.Builder options(Path stateDir) {
        return SessionOptions.builder().dsn(ingest.dsn()).release(RELEASE).stateDirectory(stateDir.toString())
                .shutdownTimeout(Duration.ofMillis(500));
    }

    private DefaultSessionManager manager(Path stateDir) {
        return (DefaultSessionManager) SessionManager.builder(options(stateDir).build()).clock(clock).build();
    }

    private List<String> warningTexts() {
        return log.warnings();
    }

    private static void assertCountersAddUp(SessionStats s) {
        assertEquals(s.recorded(), s.sent() + s.unconfirmed() + s.pending() + s.discardedTotal(), s::toString);
    }

    // ---- (a) a directory that cannot be used ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"under a regular file", "a regular file", "read-only"})
    void anUnusableStateDirectoryIsWarnedAboutOnceAndSessionsAreDeliveredFromMemory(String kind) throws Exception {
        Path stateDir = switch (kind) {
            case "under a regular file" -> {
                Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");
                yield file.resolve("state");
            }
            case "a regular file" -> Files.writeString(tmp.resolve("state"), "x");
            default -> {
                Path dir = Files.createDirectory(tmp.resolve("read-only"));
                assumeFalse(!dir.toFile().setWritable(false) || Files.isWritable(dir),
                        "permissions are not enforced here (running as root?): cannot make a read-only directory");
                yield dir;
            }
        };
        List<Session> started = new ArrayList<>();
        DefaultSessionManager m = assertDoesNotThrow(() -> manager(stateDir), "the application starts");
        try {
            assertDoesNotThrow(() -> {
                started.add(m.startSession(SessionContext.forUser(User.of("a"))));
                m.recordError(true);
                started.add(m.startSession(SessionContext.forUser(User.of("b")))); // ends a
                m.recordError(false); // ends b crashed
                started.add(m.startSession());
            });
            assertTrue(m.flush(Duration.ofSeconds(20)), "delivered from memory");
        } finally {
            assertDoesNotThrow(m::close);
        }
        SessionStats stats = m.stats();
        assertEquals(stats.recorded(), stats.sent(), stats::toString);
        assertTrue(stats.discarded().isEmpty(), stats::toString);
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(true);
        assertEquals(started.stream().map(Session::sid).collect(java.util.stream.Collectors.toSet()),
                ledger.endsAccepted());

        List<String> texts = warningTexts();
        assertEquals(1, texts.size(), () -> "one warning, not one per update: " + texts);
        assertTrue(texts.get(0).contains(stateDir.toString()), texts::toString);
        if (kind.equals("read-only")) {
            assertTrue(stateDir.toFile().setWritable(true));
        }
    }

    // ---- (b) a damaged journal from a previous process ----

    private static String sid(char c) {
        return String.valueOf(c).repeat(32);
    }

    private static String line(String json) {
        return json + "\n";
    }

    @Test
    void aDamagedJournalIsSkippedAndCountedAndItsReadableSessionsAreDeliveredOnce() throws Exception {
        Path stateDir = Files.createDirectory(tmp.resolve("state"));
        long started = clock.millis() - 120_000;
        String open = sid('d');
        String ended = sid('e');
        String header = "\"release\":\"" + RELEASE + "\",\"environment\":\"production\",\"ua\":null,\"ip\":null";
        StringBuilder log = new StringBuilder()
                .append("\u0000\u0001garbage \u00ff not json\n")
                .append(line("{\"k\":\"s\",\"sid\":\"" + open + "\",\"did\":\"did-d\",\"started\":" + started + ","
                        + header + "}"))
                .append(line("{\"k\":\"u\",\"sid\":\"" + open + "\",\"t\":" + started + ",\"status\":\"ok\",\"errors\":0}"))
                .append(line("[1,2,3]"))
                .append(line("{\"k\":\"u\",\"sid\":\"" + sid('f') + "\",\"t\":" + started
                        + ",\"status\":\"exited\",\"errors\":0}")) // a sid without a start: not ours
                .append(line("{\"k\":\"s\",\"sid\":\"" + ended + "\",\"did\":null,\"started\":" + (started + 1_000)
                        + "," + header + "}"))
                .append(line("{\"k\":\"z\",\"sid\":\"" + ended + "\"}")) // an unknown kind
                .append(line("{\"k\":\"u\",\"sid\":\"abc\",\"t\":1,\"status\":\"ok\",\"errors\":0}")) // a short sid
                .append(line("{\"k\":\"u\",\"sid\":\"" + ended + "\",\"t\":" + (started + 5_000)
                        + ",\"status\":\"wobbly\",\"errors\":1}")) // an unknown status
                .append(line("{\"k\":\"u\",\"sid\":\"" + ended + "\",\"t\":" + (started + 6_000)
                        + ",\"status\":\"crashed\",\"errors\":1}"))
                .append(line("{\"k\":\"a\",\"sid\":\"" + open + "\",\"t\":" + (started + 30_000) + "}"))
                .append("{\"k\":\"a\",\"sid\":\"" + open + "\",\"t\":" + (started + 90_000)); // torn: no end, no newline
        int damaged = 7;
        Files.writeString(stateDir.resolve("sessions.log"), log, StandardCharsets.ISO_8859_1);

        DefaultSessionManager m = assertDoesNotThrow(() -> manager(stateDir), "the application starts");
        try {
            assertTrue(m.flush(Duration.ofSeconds(20)));
            SessionStats stats = m.stats();
            assertEquals(damaged, stats.storageFailures(), "each damaged line counted: " + stats);
            assertEquals(2, stats.recorded(), "the two readable sessions are recovered: " + stats);
            assertEquals(2, stats.sent(), stats::toString);
            assertCountersAddUp(stats);
        } finally {
            m.close();
        }
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(true);
        assertEquals(Set.of(open, ended), ledger.sids(), "nothing of the foreign or damaged lines: " + ledger.figures());
        IngestLedger.Item abnormal = ledger.items(open).get(0);
        assertEquals("abnormal", abnormal.status(), "never ended: abnormal");
        assertTrue(abnormal.init(), "its start was never accepted");
        assertEquals(Instant.ofEpochMilli(started + 30_000), Instant.parse((String) abnormal.timestamp()),
                "at its last readable activity, not at the torn one");
        assertEquals("crashed", ledger.endOf(ended), "its end as recorded");
        assertEquals(1, ledger.items(ended).get(0).errors().intValue());
        assertTrue(warningTexts().stream().anyMatch(t -> t.contains("skipped " + damaged)), warningTexts()::toString);

        int received = ingest.history().size();
        try (SessionManager next = manager(stateDir)) {
            assertTrue(next.flush(Duration.ofSeconds(20)));
            assertEquals(0, next.stats().storageFailures(), "the damage is gone after the rewrite: " + next.stats());
            assertEquals(0, next.stats().recorded(), next.stats()::toString);
        }
        assertEquals(received, ingest.history().size(), "delivered once: the next start has nothing to send");
        IngestLedger.of(ingest).assertExact(true);
    }

    @Test
    void garbageAppendedToTheJournalOfARealProcessCostsNothingOfItsSessions() throws Exception {
        Path stateDir = Files.createDirectory(tmp.resolve("state"));
        DefaultSessionManager first = manager(stateDir);
        SessionState accepted = first.tracker().start(SessionContext.EMPTY, null, null); // nobody ends it on close
        assertTrue(first.flush(Duration.ofSeconds(20)));
        ingest.stop();
        SessionState unsent = first.tracker().start(SessionContext.EMPTY, null, null);
        SessionState endedWhileDown = first.tracker().start(SessionContext.EMPTY, null, null);
        clock.advance(Duration.ofSeconds(10));
        first.tracker().recordError(accepted, true);
        first.tracker().end(endedWhileDown, SessionStatus.EXITED);
        first.close();
        assertTrue(first.stats().discarded().isEmpty(), first.stats()::toString);
        Path journal = stateDir.resolve("sessions.log");
        assertTrue(Files.exists(journal), "the undelivered sessions wait in the journal");
        Files.writeString(journal, "}{ not a record\n{\"k\":\"u\",\"sid\":\"" + sid('9') + "\",\"t\":1,\"status\":"
                + "\"ok\",\"errors\":0}\n{\"k\":\"d\",\"sid\":\"" + accepted.sidHex(), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND); // the torn last line would have ended `accepted`
        ingest.restart();

        try (SessionManager next = manager(stateDir)) {
            assertTrue(next.flush(Duration.ofSeconds(20)));
            assertEquals(3, next.stats().storageFailures(), next.stats()::toString);
            assertEquals(3, next.stats().sent(), next.stats()::toString);
        }
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(true);
        assertEquals(Set.of(accepted.sidHex(), unsent.sidHex(), endedWhileDown.sidHex()), ledger.startsAccepted());
        assertEquals("abnormal", ledger.endOf(accepted.sidHex()));
        assertEquals("abnormal", ledger.endOf(unsent.sidHex()));
        assertEquals("exited", ledger.endOf(endedWhileDown.sidHex()));
        assertEquals(1, ledger.items(accepted.sidHex()).stream().filter(IngestLedger.Item::terminal).findFirst()
                .orElseThrow().errors().intValue(), "the error recorded while the ingest was down");
    }

    // ---- (c) a damaged outbox file ----

    @Test
    void aGarbageOutboxFileIsDroppedAndCountedAndNeverReachesTheIngest() throws Exception {
        Path stateDir = Files.createDirectory(tmp.resolve("state"));
        Path outbox = Files.createDirectory(stateDir.resolve("outbox"));
        byte[] garbage = "\u0000\u0001 this is no envelope item }{\n\n{\"type\":\"session\",\"length\":99999}\nshort"
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(outbox.resolve(clock.millis() + "-000000001-3.items"), garbage);

        DefaultSessionManager m = assertDoesNotThrow(() -> manager(stateDir), "the application starts");
        Session s;
        try {
            s = m.startSession();
            assertTrue(m.flush(Duration.ofSeconds(20)));
            SessionStats stats = m.stats();
            assertEquals(1, stats.sent(), "only the new start was delivered: " + stats);
            assertEquals(3, stats.discardedTotal(), "the three updates the damaged file stood for: " + stats);
        } finally {
            m.close();
        }
        for (ReceivedEnvelope e : ingest.history()) {
            assertDoesNotThrow(e::items, () -> "the ingest received a malformed envelope: " + e.text());
        }
        IngestLedger ledger = IngestLedger.of(ingest);
        ledger.assertExact(true);
        assertEquals(Set.of(s.sid()), ledger.sids());
        try (var files = Files.list(outbox)) {
            assertEquals(0, files.count(), "the damaged file is gone");
        }
    }

    @Test
    void requestAggregatesKeptInTheOutboxAcrossARestartLeaveTheSessionCountersAddingUp() throws Exception {
        Path stateDir = Files.createDirectory(tmp.resolve("state"));
        ingest.stop();
        DefaultSessionManager first = manager(stateDir);
        for (int i = 0; i < 5; i++) {
            first.aggregator().record(dev.sessionhealth.internal.session.RequestAggregator.Outcome.EXITED);
        }
        first.close(); // the aggregates wait in the outbox
        assertCountersAddUp(first.stats());
        ingest.restart();
        try (SessionManager next = manager(stateDir)) {
            assertTrue(next.flush(Duration.ofSeconds(20)));
            assertTrue(ingest.history().stream().anyMatch(e -> !e.payloads("sessions").isEmpty()),
                    "the aggregates were delivered");
            assertCountersAddUp(next.stats());
            assertEquals(0, next.stats().sent(), "no session update was sent: " + next.stats());
        }
    }

    @Test
    void anOutboxFileWithAForeignNameIsLeftAloneAndTheApplicationStarts() throws Exception {
        Path stateDir = Files.createDirectory(tmp.resolve("state"));
        Path outbox = Files.createDirectory(stateDir.resolve("outbox"));
        Files.writeString(outbox.resolve("notes-x.items"), "not ours");
        Files.writeString(outbox.resolve("12-abc-x.items"), "not ours either");
        try (SessionManager m = assertDoesNotThrow(() -> manager(stateDir))) {
            m.startSession();
            assertTrue(m.flush(Duration.ofSeconds(20)));
            assertEquals(0, m.stats().pending(), m.stats()::toString);
            assertEquals(1, m.stats().sent(), m.stats()::toString);
        }
        IngestLedger.of(ingest).assertExact(true);
        assertTrue(ingest.history().stream().allMatch(ReceivedEnvelope::accepted), "nothing foreign was sent");
        assertTrue(Files.exists(outbox.resolve("notes-x.items")), "not ours to delete");
    }
}
