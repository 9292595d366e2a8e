package dev.sessionhealth.internal;

import dev.sessionhealth.User;

/**
 * What stays fixed for a session after its first transmission: release, environment, user and the
 * client details (kept only when personal data is enabled). Shared by reference, never copied per request.
 */
public record SessionAttributes(String release, String environment, User user, String userAgent, String ipAddress) {
}
