package dev.sessionhealth;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable snapshot of a tracked session, exactly as it will be (or was) sent.
 *
 * @param sid the session id, 32 lowercase hex digits (a UUID v4 without dashes)
 * @param did the distinct id sent for the user (hashed unless personal data is enabled), or {@code null}
 * @param init whether this is the first transmission of the session
 * @param seq a logical clock: the epoch milliseconds of this update
 * @param started when the session started
 * @param timestamp when this snapshot was taken
 * @param duration time from {@code started} to {@code timestamp}
 * @param status the status at {@code timestamp}
 * @param errors the number of errors seen so far
 * @param release the release the session belongs to
 * @param environment the environment
 * @param userAgent the user agent, or {@code null} unless personal data is enabled
 * @param ipAddress the IP address, or {@code null} unless personal data is enabled
 * @param user the user the session was started for, or {@code null}; never sent as such
 * @param tags the {@link SessionContext#tags() tags} the session was started with (empty if none); never
 *     sent. They live in this process only: a session recovered after a crash (its {@code abnormal}
 *     end) or taken over from another node has none
 */
public record Session(
        String sid,
        String did,
        boolean init,
        long seq,
        Instant started,
        Instant timestamp,
        Duration duration,
        SessionStatus status,
        int errors,
        String release,
        String environment,
        String userAgent,
        String ipAddress,
        User user,
        Map<String, String> tags) {

    /** Takes an immutable copy of the tags ({@code null}: none). */
    public Session {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A session without tags (the constructor from before tags were kept). */
    public Session(String sid, String did, boolean init, long seq, Instant started, Instant timestamp,
            Duration duration, SessionStatus status, int errors, String release, String environment,
            String userAgent, String ipAddress, User user) {
        this(sid, did, init, seq, started, timestamp, duration, status, errors, release, environment, userAgent,
                ipAddress, user, Map.of());
    }

    /** The {@code attrs} object of the payload: release, environment and, when present, IP and user agent. */
    public Map<String, String> attrs() {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("release", release);
        if (environment != null) {
            attrs.put("environment", environment);
        }
        if (ipAddress != null) {
            attrs.put("ip_address", ipAddress);
        }
        if (userAgent != null) {
            attrs.put("user_agent", userAgent);
        }
        return attrs;
    }

    /** A copy with another {@code did}, for {@link BeforeSend} hooks. */
    public Session withDid(String newDid) {
        return new Session(sid, newDid, init, seq, started, timestamp, duration, status, errors,
                release, environment, userAgent, ipAddress, user, tags);
    }

    /** A copy without IP address and user agent, for {@link BeforeSend} hooks. */
    public Session withoutClientInfo() {
        return new Session(sid, did, init, seq, started, timestamp, duration, status, errors,
                release, environment, null, null, user, tags);
    }
}
