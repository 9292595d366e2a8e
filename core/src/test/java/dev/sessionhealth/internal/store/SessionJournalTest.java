package dev.sessionhealth.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.SessionStatus;
import dev.sessionhealth.internal.session.SessionAttributes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionJournalTest {

    private static final SessionAttributes ATTRS = new SessionAttributes("shop@1.0", "production", null, null, null);
    private static final String A = "a".repeat(32);
    private static final String B = "b".repeat(32);
    private static final String C = "c".repeat(32);

    @TempDir
    Path dir;

    @Test
    void recordsOfOneProcessFoldIntoWhatTheNextMustDeliver() throws Exception {
        try (SessionJournal journal = SessionJournal.open(dir)) {
            journal.start(A, "did-a", 1_000, ATTRS);
            journal.update(A, 1_000, SessionStatus.OK, 0);
            journal.activity(A, 4_000);
            journal.update(A, 3_000, SessionStatus.OK, 2); // an error recorded before the last activity
            journal.start(B, null, 2_000, ATTRS);
            journal.update(B, 2_000, SessionStatus.OK, 0);
            journal.initAccepted(B);
            journal.update(B, 5_000, SessionStatus.CRASHED, 1);
            journal.start(C, null, 2_500, ATTRS);
            journal.update(C, 6_000, SessionStatus.EXITED, 0);
            journal.done(C);
            journal.commit();
        } // the process "dies" here
        try (SessionJournal next = SessionJournal.open(dir)) {
            SessionJournal.Fold fold = next.fold();
            assertEquals(0, fold.skippedLines);
            assertEquals(2, fold.sessions.size(), "the session whose end was accepted is done");
            SessionJournal.JournaledSession a = fold.sessions.get(A);
            assertEquals(SessionStatus.OK, a.status);
            assertEquals(4_000, a.seenMillis, "its last activity, not its last update");
            assertEquals(2, a.errors);
            assertEquals("did-a", a.did);
            assertFalse(a.initAccepted);
            SessionJournal.JournaledSession b = fold.sessions.get(B);
            assertEquals(SessionStatus.CRASHED, b.status, "a recorded end stays what it was");
            assertEquals(5_000, b.seenMillis);
            assertTrue(b.initAccepted);
        }
    }

    @Test
    void whatWentOutWithoutAnAnswerInTheLogIsTakenAsDeliveredAndWhatWasNotTakenIsSentAgain() throws Exception {
        String d = "d".repeat(32);
        try (SessionJournal journal = SessionJournal.open(dir)) {
            for (String sid : new String[] {A, B, C, d}) {
                journal.start(sid, null, 1_000, ATTRS);
                journal.update(sid, 1_000, SessionStatus.OK, 0);
            }
            journal.update(B, 2_000, SessionStatus.EXITED, 0);
            journal.update(d, 2_000, SessionStatus.CRASHED, 1);
            // an envelope answered 503: its starts and ends are sent again
            journal.wentOut(C, true, false);
            journal.wentOut(d, true, true);
            journal.notDelivered(C);
            journal.notDelivered(d);
            // the next envelope went out, and the process died before its answer
            journal.wentOut(A, true, false);
            journal.wentOut(B, true, true);
            journal.commit();
        }
        try (SessionJournal next = SessionJournal.open(dir)) {
            SessionJournal.Fold fold = next.fold();
            assertEquals(0, fold.skippedLines);
            assertEquals(java.util.Set.of(A, C, d), fold.sessions.keySet(), "an end that went out is not sent again");
            assertTrue(fold.sessions.get(A).initAccepted, "a start that went out is not sent again");
            assertFalse(fold.sessions.get(C).initAccepted, "the refused start goes again");
            assertFalse(fold.sessions.get(d).initAccepted);
            assertEquals(SessionStatus.CRASHED, fold.sessions.get(d).status, "the refused end goes again");
            next.rewrite(fold.sessions.values());
        }
        try (SessionJournal third = SessionJournal.open(dir)) {
            SessionJournal.Fold fold = third.fold();
            assertEquals(java.util.Set.of(A, C, d), fold.sessions.keySet());
            assertTrue(fold.sessions.get(A).initAccepted, "a rewrite keeps what was settled");
        }
    }

    @Test
    void aTornLastLineIsSkippedAndCounted() throws Exception {
        try (SessionJournal journal = SessionJournal.open(dir)) {
            journal.start(A, null, 1_000, ATTRS);
            journal.update(A, 1_000, SessionStatus.OK, 0);
            journal.commit();
        }
        Files.writeString(dir.resolve(SessionJournal.FILE), "{\"k\":\"u\",\"sid\":\"" + A + "\",\"t\":9",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.writeString(dir.resolve(SessionJournal.FILE), "\nnot json at all\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        try (SessionJournal next = SessionJournal.open(dir)) {
            SessionJournal.Fold fold = next.fold();
            assertEquals(2, fold.skippedLines);
            assertEquals(1_000, fold.sessions.get(A).seenMillis, "the torn update is not applied");
        }
    }

    @Test
    void aRewriteKeepsOnlyWhatIsUnfinished() throws Exception {
        try (SessionJournal journal = SessionJournal.open(dir)) {
            for (int i = 0; i < 100; i++) {
                String sid = String.format("%032x", i);
                journal.start(sid, null, 1_000, ATTRS);
                journal.update(sid, 2_000 + i, i % 2 == 0 ? SessionStatus.EXITED : SessionStatus.OK, 0);
                if (i % 2 == 0) {
                    journal.done(sid);
                }
            }
            journal.commit();
            long before = journal.size();
            journal.rewrite(journal.fold().sessions.values());
            assertTrue(journal.size() < before / 2, journal.size() + " of " + before);
            journal.update(String.format("%032x", 1), 9_000, SessionStatus.EXITED, 0); // appended after the rewrite
            journal.commit();
        }
        try (SessionJournal next = SessionJournal.open(dir)) {
            SessionJournal.Fold fold = next.fold();
            assertEquals(50, fold.sessions.size());
            assertEquals(SessionStatus.EXITED, fold.sessions.get(String.format("%032x", 1)).status);
            assertEquals(9_000, fold.sessions.get(String.format("%032x", 1)).seenMillis);
        }
    }

    @Test
    void aSecondProcessOnTheSameDirectoryGetsNoJournal() throws Exception {
        try (SessionJournal first = SessionJournal.open(dir)) {
            assertNotNull(first);
            assertNull(SessionJournal.open(dir));
        }
        try (SessionJournal again = SessionJournal.open(dir)) {
            assertNotNull(again, "released on close");
        }
    }
}
