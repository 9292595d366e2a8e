package dev.sessionhealth.internal;

import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.internal.wire.Dsn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where an application instance keeps its state: the configured directory, or
 * {@code ${java.io.tmpdir}/sessionhealth/<instance>-<hash of DSN and instance>}, so two applications
 * (or two projects) on one machine never share a journal or an outbox.
 */
public final class StateDirectory {

    private StateDirectory() {
    }

    public static Path of(SessionOptions options) {
        if (options.stateDirectory() != null) {
            return Path.of(options.stateDirectory());
        }
        String safeInstance = options.instance().replaceAll("[^A-Za-z0-9._-]", "_");
        if (safeInstance.length() > 40) {
            safeInstance = safeInstance.substring(0, 40);
        }
        String identity = (options.dsn() == null ? "" : Dsn.parse(options.dsn()).envelopeUri().toString())
                + "\n" + options.instance();
        return Path.of(System.getProperty("java.io.tmpdir"), "sessionhealth", safeInstance + "-" + shortHash(identity));
    }

    private static String shortHash(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
