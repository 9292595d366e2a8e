package dev.sessionhealth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.testing.FakeIngest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What could not be delivered when the process stopped is delivered by the next start, once. */
@Timeout(60)
class OutboxDeliveryTest {

    @TempDir
    Path state;

    private SessionOptions options(FakeIngest ingest) {
        return SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1").stateDirectory(state.toString())
                .shutdownTimeout(Duration.ofSeconds(1)).build();
    }

    @Test
    void updatesUndeliveredAtShutdownArriveAfterARestartInOrderAndOnce() throws Exception {
        try (FakeIngest ingest = FakeIngest.start()) {
            ingest.stop(); // the ingest is down for the whole life of the first process
            SessionManager first = SessionManager.create(options(ingest));
            Session a = first.startSession(SessionContext.forUser(User.of("a")));
            first.recordError(true);
            Session b = first.startSession(SessionContext.forUser(User.of("b")));
            first.close(); // b ends exited; nothing can be sent
            assertTrue(first.stats().discarded().isEmpty(), "kept on disk, not dropped: " + first.stats());

            ingest.restart();
            try (SessionManager second = SessionManager.create(options(ingest))) {
                assertTrue(second.flush(Duration.ofSeconds(30)));
                assertEquals(0, second.stats().pending());
            }
            List<Map<String, Object>> sent = ingest.sessions();
            Map<String, List<String>> statusesBySid = sent.stream().collect(Collectors.groupingBy(
                    s -> (String) s.get("sid"), Collectors.mapping(s -> (String) s.get("status"), Collectors.toList())));
            assertEquals(Set.of(a.sid(), b.sid()), statusesBySid.keySet());
            assertEquals(List.of("exited"), statusesBySid.get(a.sid()), "a ended when b started; sent once");
            assertEquals(List.of("exited"), statusesBySid.get(b.sid()), "b ended at shutdown; sent once");
            assertTrue(sent.stream().allMatch(s -> Boolean.TRUE.equals(s.get("init"))), "first transmissions");
            assertEquals(1, sent.stream().filter(s -> a.sid().equals(s.get("sid"))).findFirst().orElseThrow().get("errors"));
        }
    }

    @Test
    void withPersistenceOffNothingIsWrittenAndTheLossIsCounted() throws Exception {
        try (FakeIngest ingest = FakeIngest.start()) {
            ingest.stop();
            SessionManager first = SessionManager.create(options(ingest).toBuilder().persistence(false).build());
            first.startSession();
            first.close();
            SessionStats stats = first.stats();
            assertEquals(stats.recorded(), stats.discardedTotal(), stats::toString);
            assertEquals(Map.of(DiscardReason.NETWORK_ERROR, stats.recorded()), stats.discarded());
            assertTrue(!state.resolve("outbox").toFile().exists());
        }
    }
}
