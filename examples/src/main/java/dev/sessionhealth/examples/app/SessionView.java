package dev.sessionhealth.examples.app;

import dev.sessionhealth.Session;
import java.util.LinkedHashMap;
import java.util.Map;

/** The current session as the shop page shows it, for both shops. */
public final class SessionView {

    private SessionView() {
    }

    public static Map<String, Object> describe(Session s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sid", s.sid().substring(0, 8)); // enough to recognise it on the dashboard
        out.put("user", s.user() == null ? null : s.user().id());
        out.put("status", s.status().wireName());
        out.put("errors", s.errors());
        out.put("release", s.release());
        return out;
    }
}
