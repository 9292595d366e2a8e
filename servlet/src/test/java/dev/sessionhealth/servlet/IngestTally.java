package dev.sessionhealth.servlet;

import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.ReceivedEnvelope;
import dev.sessionhealth.testing.SentryReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the ingest received, counted the way the figures need it: session updates in envelopes it
 * accepted (2xx) and in those it refused, updates accepted twice, inits and abnormal endings per sid,
 * and the discards client reports told it about. Every envelope is read with io.sentry on the way.
 */
final class IngestTally {

    final int envelopes;
    final int refusedEnvelopes;
    final List<Map<String, Object>> accepted = new ArrayList<>();
    int refusedUpdates;
    final Map<String, Integer> inits = new HashMap<>();
    final Map<String, Integer> abnormal = new HashMap<>();
    final Map<String, Long> reported = new TreeMap<>();
    final int duplicates;

    IngestTally(FakeIngest ingest) {
        List<ReceivedEnvelope> all = ingest.envelopes();
        envelopes = all.size();
        int refused = 0;
        for (ReceivedEnvelope e : all) {
            if (e.cutOff()) {
                refused++; // closed unanswered after part of the body: nothing readable, nothing stored
                continue;
            }
            SentryReader.sessions(e.body()); // io.sentry reads every envelope and session item we sent
            List<Map<String, Object>> sessions = e.payloads("session");
            if (e.answered() / 100 != 2) {
                refused++;
                refusedUpdates += sessions.size();
                continue;
            }
            accepted.addAll(sessions);
            for (Map<String, Object> s : sessions) {
                String sid = (String) s.get("sid");
                if (Boolean.TRUE.equals(s.get("init"))) {
                    inits.merge(sid, 1, Integer::sum);
                }
                if ("abnormal".equals(s.get("status"))) {
                    abnormal.merge(sid, 1, Integer::sum);
                }
            }
            for (Map<String, Object> report : e.payloads("client_report")) {
                for (Object d : (List<?>) report.get("discarded_events")) {
                    Map<?, ?> event = (Map<?, ?>) d;
                    reported.merge((String) event.get("reason"), ((Number) event.get("quantity")).longValue(), Long::sum);
                }
            }
        }
        refusedEnvelopes = refused;
        Map<String, Integer> seen = new HashMap<>();
        for (Map<String, Object> s : accepted) {
            seen.merge(s.get("sid") + "/" + s.get("seq") + "/" + s.get("status") + "/" + s.get("errors"), 1, Integer::sum);
        }
        duplicates = seen.values().stream().mapToInt(n -> n - 1).sum();
    }

    /** Sids accepted with {@code init:true} more than once (each counts a session twice). */
    List<String> initTwice() {
        return inits.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }
}
