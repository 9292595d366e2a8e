package dev.sessionhealth.containers.app;

import dev.sessionhealth.SessionManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.security.CodeSource;

/**
 * Names the classes (and the jar they were loaded from) that implement Jakarta REST and CDI in
 * this deployment, so the suite can tell the container's own stack from the one bundled in the WAR.
 */
final class RuntimeReport {

    private final SessionManager manager;
    private final Greeter greeter;

    RuntimeReport(SessionManager manager, Greeter greeter) {
        this.manager = manager;
        this.greeter = greeter;
    }

    String render() {
        return "rest=" + origin(RuntimeDelegate.getInstance().getClass()) + "\n"
                + "cdi=" + origin(CDI.current().getBeanManager().getClass()) + "\n"
                + "injected=" + (greeter != null) + "\n"
                + "manager=" + (manager == null ? "none" : manager.getClass().getName()) + "\n"
                + "enabled=" + (manager != null && manager.isEnabled()) + "\n";
    }

    private static String origin(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        String location = source == null || source.getLocation() == null ? "?" : source.getLocation().toString();
        return type.getName() + " from " + location;
    }
}
