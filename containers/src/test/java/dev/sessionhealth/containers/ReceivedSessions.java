package dev.sessionhealth.containers;

import dev.sessionhealth.testing.FakeIngest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code session} updates a {@link FakeIngest} received, grouped by session id in arrival order. */
final class ReceivedSessions {

    private final Map<String, List<Map<String, Object>>> bySid = new LinkedHashMap<>();

    private ReceivedSessions(List<Map<String, Object>> updates) {
        for (Map<String, Object> update : updates) {
            bySid.computeIfAbsent(sid(update), k -> new ArrayList<>()).add(update);
        }
    }

    static ReceivedSessions of(FakeIngest ingest) {
        return new ReceivedSessions(ingest.sessions());
    }

    List<String> sids() {
        return List.copyOf(bySid.keySet());
    }

    List<Map<String, Object>> updates(String sid) {
        return bySid.getOrDefault(normalize(sid), List.of());
    }

    Optional<Map<String, Object>> last(String sid) {
        List<Map<String, Object>> updates = updates(sid);
        return updates.isEmpty() ? Optional.empty() : Optional.of(updates.get(updates.size() - 1));
    }

    /** Whether the last update of {@code sid} has this status and error count. */
    boolean endedAs(String sid, String status, int errors) {
        return last(sid).filter(u -> status.equals(u.get("status"))
                && ((Number) u.get("errors")).intValue() == errors).isPresent();
    }

    long initCount(String sid) {
        return updates(sid).stream().filter(u -> Boolean.TRUE.equals(u.get("init"))).count();
    }

    long count(String status) {
        return bySid.values().stream().flatMap(List::stream).filter(u -> status.equals(u.get("status"))).count();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        bySid.forEach((sid, updates) -> {
            out.append(sid).append(':');
            updates.forEach(u -> out.append(' ').append(u.get("status")).append('/').append(u.get("errors"))
                    .append(Boolean.TRUE.equals(u.get("init")) ? "/init" : "")
                    .append(u.get("did") != null ? "/did" : ""));
            out.append('\n');
        });
        return out.toString();
    }

    private static String sid(Map<String, Object> update) {
        return normalize(String.valueOf(update.get("sid")));
    }

    private static String normalize(String sid) {
        return sid.replace("-", "").toLowerCase(java.util.Locale.ROOT);
    }
}
