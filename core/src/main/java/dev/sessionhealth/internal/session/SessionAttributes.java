package dev.sessionhealth.internal.session;

import dev.sessionhealth.User;
import java.util.Map;

/**
 * What stays fixed for a session after its first transmission: release, environment, user and the
 * client details (kept only when personal data is enabled), and the application's tags. Shared by
 * reference, never copied per request.
 *
 * @param presetDid the {@code did} as already sent, for a session recovered from the journal
 *     (whose user id was never written to disk); {@code null} to derive it from the user
 * @param tags the tags of the {@link dev.sessionhealth.SessionContext} it started with; never sent
 *     nor journaled ({@link Map#of()}, which allocates nothing, when there are none)
 */
public record SessionAttributes(String release, String environment, User user, String userAgent, String ipAddress,
        String presetDid, Map<String, String> tags) {

    public SessionAttributes {
        tags = tags == null ? Map.of() : tags;
    }

    public SessionAttributes(String release, String environment, User user, String userAgent, String ipAddress,
            String presetDid) {
        this(release, environment, user, userAgent, ipAddress, presetDid, Map.of());
    }

    public SessionAttributes(String release, String environment, User user, String userAgent, String ipAddress) {
        this(release, environment, user, userAgent, ipAddress, null, Map.of());
    }
}
