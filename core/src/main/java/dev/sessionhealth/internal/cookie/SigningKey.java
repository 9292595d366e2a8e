package dev.sessionhealth.internal.cookie;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * The key that signs one application's session cookies: the configured {@code cookieKey}, else a
 * random one drawn once for the application, which lasts until it stops. Hands out one
 * {@link CookieSigner}, made on first use, so that the servlet filter and the JAX-RS hook of one
 * application issue and accept the same cookies.
 */
public final class SigningKey {

    private static final Logger LOG = System.getLogger("dev.sessionhealth.config");

    /** The configured key, or {@code null}. Never logged. */
    private final String configured;
    private volatile CookieSigner signer;

    /** @param configured the configured {@code cookieKey}, already validated, or {@code null} for a random key */
    public SigningKey(String configured) {
        this.configured = configured;
    }

    /** The application's signer: made on the first call (at start-up), the same one after. */
    public CookieSigner signer() {
        CookieSigner s = signer;
        return s != null ? s : make();
    }

    /**
     * The key of another reading of this application's configuration, which configures
     * {@code configured}: this one, random key included, when that is the same.
     */
    public SigningKey reread(String configured) {
        return Objects.equals(this.configured, configured) ? this : new SigningKey(configured);
    }

    private synchronized CookieSigner make() {
        if (signer == null) {
            if (configured != null) {
                signer = CookieSigner.withKey(configured);
            } else {
                LOG.log(Level.INFO, "sessionhealth: no cookieKey configured, so a random one signs cookies until "
                        + "this application stops; configure sessionhealth.cookieKey (the same on every node) for a "
                        + "cluster or to keep sessions across restarts");
                signer = CookieSigner.withRandomKey();
            }
        }
        return signer;
    }
}
