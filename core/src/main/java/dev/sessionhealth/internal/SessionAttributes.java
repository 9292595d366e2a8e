package dev.sessionhealth.internal;

import dev.sessionhealth.User;

/**
 * What stays fixed for a session after its first transmission: release, environment, user and the
 * client details (kept only when personal data is enabled). Shared by reference, never copied per request.
 *
 * @param presetDid the {@code did} as already sent, for a session recovered from the journal
 *     (whose user id was never written to disk); {@code null} to derive it from the user
 */
public record SessionAttributes(String release, String environment, User user, String userAgent, String ipAddress,
        String presetDid) {

    public SessionAttributes(String release, String environment, User user, String userAgent, String ipAddress) {
        this(release, environment, user, userAgent, ipAddress, null);
    }
}
