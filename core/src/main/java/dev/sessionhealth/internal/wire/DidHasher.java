package dev.sessionhealth.internal.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns a user id into the {@code did} that leaves the process: a salted SHA-256, cut to 32 hex
 * digits, so that the same user gives the same value on every node with the same salt; or the raw
 * id when personal data is enabled.
 */
public final class DidHasher {

    private final byte[] salt;
    private final boolean raw;

    public DidHasher(String salt, boolean raw) {
        this.salt = salt.getBytes(StandardCharsets.UTF_8);
        this.raw = raw;
    }

    String did(String userId) {
        if (userId == null || userId.isEmpty()) {
            return null;
        }
        if (raw) {
            return userId;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update((byte) 0);
            byte[] digest = sha.digest(userId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
