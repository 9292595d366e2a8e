package dev.sessionhealth.cdi.internal.jersey;

import jakarta.ws.rs.core.FeatureContext;

/**
 * Registers {@link JerseyExceptionListener} when the runtime is Jersey. This class itself refers to
 * no Jersey type, so it loads on every runtime.
 */
public final class JerseySupport {

    private static final String LISTENER = "org.glassfish.jersey.server.monitoring.ApplicationEventListener";

    private JerseySupport() {
    }

    public static void registerIfPresent(FeatureContext context) {
        if (available()) {
            context.register(new JerseyExceptionListener());
        }
    }

    private static boolean available() {
        try {
            Class.forName(LISTENER, false, JerseySupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
