package dev.sessionhealth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.Session;
import dev.sessionhealth.SessionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionJournalTest {

    @TempDir
    Path dir;

    private static Session open(String sid, Instant started, Instant lastSeen, int errors) {
        return new Session(sid, "d1d", false, lastSeen.toEpochMilli(), started, lastSeen,
                Duration.between(started, lastSeen), SessionStatus.OK, errors, "shop@1.0", "production", null, null, null);
    }

    @Test
    void openSessionsWrittenByOneProcessAreLeftoversForTheNext() throws Exception {
        Instant t0 = Instant.parse("2026-11-28T10:00:00Z");
        try (SessionJournal journal = SessionJournal.open(dir)) {
            journal.write(List.of(open("a".repeat(32), t0, t0.plusSeconds(30), 2)));
        } // the process "dies" here: nothing cleared the journal
        try (SessionJournal next = SessionJournal.open(dir)) {
            List<Session> left = next.leftovers();
            assertEquals(1, left.size());
            Session abnormal = SessionJournal.abnormal(left.get(0), t0.plusSeconds(600));
            assertEquals(SessionStatus.ABNORMAL, abnormal.status());
            assertEquals("a".repeat(32), abnormal.sid());
            assertEquals("d1d", abnormal.did());
            assertEquals(2, abnormal.errors());
            assertEquals(t0, abnormal.started());
            assertEquals(t0.plusSeconds(30), abnormal.timestamp(), "timed at the last activity, not at recovery");
            next.clear();
            assertTrue(next.leftovers().isEmpty(), "reported once");
        }
    }

    @Test
    void aSecondUserOfTheSameDirectoryGetsNoJournal() throws Exception {
        try (SessionJournal first = SessionJournal.open(dir)) {
            assertNotNull(first);
            assertNull(SessionJournal.open(dir));
        }
        try (SessionJournal again = SessionJournal.open(dir)) {
            assertNotNull(again, "released on close");
        }
    }

    @Test
    void aTornLineIsSkippedNotFatal() throws Exception {
        Instant t0 = Instant.parse("2026-11-28T10:00:00Z");
        try (SessionJournal journal = SessionJournal.open(dir)) {
            journal.write(List.of(open("b".repeat(32), t0, t0, 0)));
            Files.writeString(dir.resolve("open-sessions.jsonl"), "{\"sid\":\"cc", java.nio.file.StandardOpenOption.APPEND);
            assertEquals(1, journal.leftovers().size());
        }
    }
}
