package dev.sessionhealth.internal.cookie;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA256 (RFC 2104) with the key's two padded blocks hashed once, up front: each MAC then
 * costs two SHA-256 blocks for a short message instead of four, which is what a cookie check on
 * every request spends most of its time on. Thread-safe: every call works on copies of the two
 * prepared digests, which are never changed after construction. Gives exactly what
 * {@code Mac.getInstance("HmacSHA256")} gives (tested against it).
 */
final class HmacSha256 {

    private static final int BLOCK = 64;

    private final MessageDigest inner;
    private final MessageDigest outer;

    HmacSha256(byte[] key) {
        byte[] k = key.length > BLOCK ? sha256().digest(key) : key;
        byte[] ipad = new byte[BLOCK];
        byte[] opad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (b ^ 0x36);
            opad[i] = (byte) (b ^ 0x5c);
        }
        inner = sha256();
        inner.update(ipad);
        outer = sha256();
        outer.update(opad);
        Arrays.fill(ipad, (byte) 0);
        Arrays.fill(opad, (byte) 0);
        copy(inner); // fail at start-up, not on the first request, if the digest cannot be copied
    }

    byte[] mac(byte[] message) {
        MessageDigest in = copy(inner);
        in.update(message);
        MessageDigest out = copy(outer);
        out.update(in.digest());
        return out.digest();
    }

    private static MessageDigest copy(MessageDigest prepared) {
        try {
            return (MessageDigest) prepared.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests cannot be copied", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
