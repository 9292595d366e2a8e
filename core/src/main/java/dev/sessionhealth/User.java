package dev.sessionhealth;

/**
 * The person behind a session. Only {@link #id()} is used by default, and only as a salted hash
 * (the session's {@code did}); the other fields are never sent.
 *
 * @param id a stable identifier of the user (account id, login name); may be {@code null}
 * @param email optional; never sent
 * @param username optional; never sent
 * @param ipAddress optional; sent as {@code attrs.ip_address} only when personal data is enabled
 */
public record User(String id, String email, String username, String ipAddress) {

    /** A user known only by a stable identifier. */
    public static User of(String id) {
        return new User(id, null, null, null);
    }
}
