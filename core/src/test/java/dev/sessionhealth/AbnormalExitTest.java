package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.testing.CrashingApp;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.IngestLedger;
import dev.sessionhealth.testing.Poll;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM killed with SIGKILL leaves open sessions; the next start reports each once as abnormal. One
 * killed while the ingest, which already counted an envelope, holds its answer does not have that
 * envelope's starts and ends counted again.
 */
class AbnormalExitTest {

    @TempDir
    Path state;

    private Process crashingApp(FakeIngest ingest, String... more) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                "java").toString(), "-cp", System.getProperty("java.class.path"), CrashingApp.class.getName(),
                ingest.dsn(), state.toString()));
        command.addAll(List.of(more));
        Process app = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("READY")) {
                // start-up output
            }
            assertEquals("READY", line, "the crashing app did not get ready");
        }
        return app;
    }

    private static void kill(Process app) throws InterruptedException {
        app.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
        assertTrue(app.waitFor(30, TimeUnit.SECONDS));
    }

    @Test
    @Timeout(120)
    void killedWhileTheIngestHoldsTheAnswerToWhatItCountedNothingOfItIsCountedTwice() throws Exception {
        try (FakeIngest ingest = FakeIngest.start()) {
            ingest.answerByDefault(FakeIngest.Reply.slow(Duration.ofSeconds(90))); // stored at once, answered late
            Process app = crashingApp(ingest, "6", "unanswered");
            try {
                Poll.atMost(Duration.ofSeconds(60)).until("the ingest stored an envelope and holds its answer",
                        () -> !ingest.history().isEmpty());
                Path log = state.resolve("sessions.log");
                Poll.atMost(Duration.ofSeconds(60)).until("the journal notes the envelope as gone out",
                        () -> Files.readString(log).contains("\"k\":\"o\""));
            } finally {
                kill(app);
            }
            IngestLedger held = IngestLedger.of(ingest);
            assertFalse(held.startsAccepted().isEmpty(), "the held envelope carried starts");
            assertFalse(held.endsAccepted().isEmpty(), "and ends");

            ingest.answerByDefault(FakeIngest.Reply.status(200));
            SessionOptions options = SessionOptions.builder().dsn(ingest.dsn()).release("crashy@2.0")
                    .stateDirectory(state.toString()).build();
            try (SessionManager restarted = SessionManager.create(options)) {
                assertTrue(restarted.flush(Duration.ofSeconds(20)));
            }
            IngestLedger ledger = IngestLedger.of(ingest);
            ledger.assertExact(true); // each of the six started once and ended once
            assertEquals(6, ledger.startsAccepted().size(), () -> ledger.figureMap().toString());
            assertEquals(6, ledger.endsAccepted().size(), () -> ledger.figureMap().toString());
        }
    }

    @Test
    @Timeout(120)
    void killedWhileTheIngestHoldsTheAnswerToStoredRequestCountsTheyAreNotSentAgain() throws Exception {
        try (FakeIngest ingest = FakeIngest.start()) {
            ingest.stop(); // the first process stops with its request counts undelivered: they go to the outbox
            SessionOptions options = SessionOptions.builder().dsn(ingest.dsn()).release("crashy@2.0")
                    .stateDirectory(state.toString()).shutdownTimeout(Duration.ofMillis(500)).build();
            SessionManager first = SessionManager.create(options);
            dev.sessionhealth.internal.RequestSessions requests = dev.sessionhealth.internal.RequestSessions.of(first, "test");
            for (int i = 0; i < 7; i++) {
                requests.finish(requests.count());
            }
            first.close();
            Path outbox = state.resolve("outbox");
            assertTrue(outboxFiles(outbox) > 0, "the counts wait in the outbox");

            ingest.restart();
            ingest.answerByDefault(FakeIngest.Reply.slow(Duration.ofSeconds(90))); // stored at once, answered late
            Process app = crashingApp(ingest, "0", "unanswered"); // delivers the outbox first
            try {
                Poll.atMost(Duration.ofSeconds(60)).until("the ingest stored the counts and holds its answer",
                        () -> requestCounts(ingest) > 0);
                Poll.atMost(Duration.ofSeconds(60)).until("the outbox no longer holds what went out",
                        () -> outboxFiles(outbox) == 0);
            } finally {
                kill(app);
            }
            assertEquals(7, requestCounts(ingest), "the held envelope carried the counts");

            ingest.answerByDefault(FakeIngest.Reply.status(200));
            try (SessionManager third = SessionManager.create(options)) {
                assertTrue(third.flush(Duration.ofSeconds(20)));
            }
            assertEquals(7, requestCounts(ingest), "counted once: the next start does not send them again");
        }
    }

    private static long outboxFiles(Path outbox) throws java.io.IOException {
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        try (var files = Files.list(outbox)) {
            return files.filter(f -> !f.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    /** The requests the ingest counted in all the aggregates it received. */
    private static long requestCounts(FakeIngest ingest) {
        long n = 0;
        for (dev.sessionhealth.testing.ReceivedEnvelope e : ingest.history()) {
            for (Map<String, Object> item : e.payloads("sessions")) {
                for (Object bucket : (List<?>) item.get("aggregates")) {
                    for (Map.Entry<?, ?> count : ((Map<?, ?>) bucket).entrySet()) {
                        if (!count.getKey().equals("started") && count.getValue() instanceof Number c) {
                            n += c.longValue();
                        }
                    }
                }
            }
        }
        return n;
    }

    @Test
    @Timeout(120)
    void sessionsOfAKilledJvmAreReportedAbnormalExactlyOnce() throws Exception {
        try (FakeIngest ingest = FakeIngest.start()) {
            kill(crashingApp(ingest, "1"));

            List<Map<String, Object>> beforeCrash = ingest.sessions();
            assertEquals(1, beforeCrash.size(), beforeCrash::toString);
            String sid = (String) beforeCrash.get(0).get("sid");
            ingest.clear();

            SessionOptions options = SessionOptions.builder().dsn(ingest.dsn()).release("crashy@2.0")
                    .stateDirectory(state.toString()).build();
            try (SessionManager restarted = SessionManager.create(options)) {
                assertTrue(restarted.flush(Duration.ofSeconds(20)));
            }
            List<Map<String, Object>> after = ingest.sessions();
            assertEquals(1, after.size(), after::toString);
            Map<String, Object> abnormal = after.get(0);
            assertEquals(sid, abnormal.get("sid"));
            assertEquals("abnormal", abnormal.get("status"));
            assertEquals(Boolean.FALSE, abnormal.get("init"), "its init was sent before the crash");
            assertEquals(1, abnormal.get("errors"));
            assertEquals("crashy@1.0", ((Map<?, ?>) abnormal.get("attrs")).get("release"), "the release it ran under");
            assertEquals(beforeCrash.get(0).get("did"), abnormal.get("did"));
            assertEquals(beforeCrash.get(0).get("started"), abnormal.get("started"));

            ingest.clear();
            try (SessionManager again = SessionManager.create(options)) {
                assertTrue(again.flush(Duration.ofSeconds(20)));
            }
            assertTrue(ingest.sessions().isEmpty(), "reported once, and a clean stop is not a crash");
            IngestLedger.of(ingest).assertExact(true); // over all three phases: started once, ended once
        }
    }
}
