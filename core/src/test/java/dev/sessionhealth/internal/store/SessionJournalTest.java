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
    @Test
    void everyRecordButTheStartIsReadWithoutTheParserAndFoldsAsTheParserReadsIt() throws Exception {
        SessionAttributes odd = new SessionAttributes("shop@1.0 \"beta\"", "prod\\eu", null,
                "Mozilla/5.0 (X11; \u00e9\u4e2d\ud83d\ude00)\t\u0001", "::1");
        int starts = 0;
        try (SessionJournal journal = SessionJournal.open(dir)) {
            for (int i = 0; i < 60; i++) {
                String sid = String.format("%032x", i * 7919L);
                journal.start(sid, i % 3 == 0 ? null : "did-" + i, 1_000 + i, i % 2 == 0 ? odd : ATTRS);
                starts++;
                journal.update(sid, 1_000 + i, SessionStatus.OK, 0);
                journal.activity(sid, 5_000 + i);
                switch (i % 6) {
                    case 0 -> journal.initAccepted(sid);
                    case 1 -> journal.wentOut(sid, true, false);
                    case 2 -> {
                        journal.update(sid, 6_000 + i, SessionStatus.values()[i % SessionStatus.values().length], i);
                        journal.wentOut(sid, true, true);
                        journal.notDelivered(sid);
                    }
                    case 3 -> {
                        journal.update(sid, 7_000, SessionStatus.EXITED, 1);
                        journal.evicted(sid, 3 + i);
                    }
                    case 4 -> {
                        journal.update(sid, 7_000, SessionStatus.CRASHED, 2);
                        journal.done(sid);
                    }
                    default -> journal.wentOut(sid, false, true);
                }
                if (i % 6 != 4) {
                    journal.activity(sid, 9_000 + i);
                }
            }
            journal.activity("f".repeat(32), 9_999); // a session the log never started
            journal.commit();
        }
        try (SessionJournal next = SessionJournal.open(dir)) {
            SessionJournal.Fold fold = next.fold();
            assertEquals(starts, fold.parsedLines, "only the starts go through the JSON parser");
            assertEquals(1, fold.skippedLines);
            assertEquals(describe(parsedLineByLine(Files.readAllLines(dir.resolve(SessionJournal.FILE)))),
                    describe(fold));
            assertTrue(fold.sessions.get(String.format("%032x", 0)).userAgent.contains("\ud83d\ude00"));
        }
    }

    @Test
    void aRecordCutAnywhereIsReadAsTheParserReadsIt() throws Exception {
        String started = "{\"k\":\"s\",\"sid\":\"" + A + "\",\"did\":null,\"started\":1000,"
                + "\"release\":\"shop@1.0\",\"environment\":null,\"ua\":null,\"ip\":null}";
        String[] records = {
            "{\"k\":\"a\",\"sid\":\"" + A + "\",\"t\":12345}",
            "{\"k\":\"u\",\"sid\":\"" + A + "\",\"t\":23456,\"status\":\"crashed\",\"errors\":17}",
            "{\"k\":\"i\",\"sid\":\"" + A + "\"}",
            "{\"k\":\"o\",\"sid\":\"" + A + "\",\"init\":1,\"end\":1}",
            "{\"k\":\"r\",\"sid\":\"" + A + "\"}",
            "{\"k\":\"d\",\"sid\":\"" + A + "\"}",
            "{\"k\":\"x\",\"sid\":\"" + A + "\",\"n\":40}",
            // shapes the journal does not write, which the parser still reads its own way
            "{\"k\":\"a\",\"sid\":\"" + A + "\",\"t\":0123}",
            "{\"k\":\"a\",\"sid\":\"" + A + "\",\"t\":1234567890123456789}",
            "{\"k\":\"o\",\"sid\":\"" + A + "\",\"init\":12}",
            "{\"k\":\"u\",\"sid\":\"" + A + "\",\"t\":5,\"status\":\"exitedx\",\"errors\":1}",
            "{\"k\":\"a\",\"sid\":\"" + A.toUpperCase(java.util.Locale.ROOT) + "\",\"t\":7}",
            "{ \"k\":\"a\",\"sid\":\"" + A + "\",\"t\":8 }",
        };
        for (String record : records) {
            for (int cut = 1; cut <= record.length(); cut++) {
                java.util.List<String> lines = java.util.List.of(started, record.substring(0, cut),
                        "{\"k\":\"a\",\"sid\":\"" + A + "\",\"t\":1001}");
                Files.write(dir.resolve(SessionJournal.FILE), lines, StandardCharsets.UTF_8);
                try (SessionJournal journal = SessionJournal.open(dir)) {
                    assertEquals(describe(parsedLineByLine(lines)), describe(journal.fold()), record.substring(0, cut));
                }
            }
        }
    }

    @Test
    void aLineLongerThanTheReadBufferIsReadWhole() throws Exception {
        String ua = "x".repeat(700_000);
        try (SessionJournal journal = SessionJournal.open(dir)) {
            journal.start(A, null, 1_000, new SessionAttributes("shop@1.0", null, null, ua, null));
            journal.activity(A, 3_000);
            journal.commit();
        }
        try (SessionJournal next = SessionJournal.open(dir)) {
            SessionJournal.Fold fold = next.fold();
            assertEquals(0, fold.skippedLines);
            assertEquals(ua, fold.sessions.get(A).userAgent);
            assertEquals(3_000, fold.sessions.get(A).seenMillis);
        }
    }

    /** The fold the JSON parser alone makes of these lines, as {@link SessionJournal#fold} settles it. */
    private static SessionJournal.Fold parsedLineByLine(java.util.List<String> lines) {
        SessionJournal.Fold fold = new SessionJournal.Fold();
        for (String line : lines) {
            if (!line.isBlank() && !SessionJournal.applyParsed(fold, line)) {
                fold.skippedLines++;
            }
        }
        fold.settleUnanswered();
        return fold;
    }

    private static String describe(SessionJournal.Fold fold) {
        StringBuilder out = new StringBuilder("skipped=" + fold.skippedLines + "\n");
        for (SessionJournal.JournaledSession s : fold.sessions.values()) {
            out.append(String.join(" | ", s.sid, s.did, String.valueOf(s.startedMillis), s.release, s.environment,
                    s.userAgent, s.ipAddress, String.valueOf(s.seenMillis), String.valueOf(s.status),
                    String.valueOf(s.errors), String.valueOf(s.initAccepted), String.valueOf(s.wentOutInit),
                    String.valueOf(s.wentOutEnd), String.valueOf(s.evicted), String.valueOf(s.evictedUpdates)))
                    .append('\n');
        }
        return out.toString();
    }
}
