package dev.sessionhealth.internal;

import dev.sessionhealth.internal.wire.IngestRules;

/**
 * Finds a release when none is configured: {@code Implementation-Title@Implementation-Version} (or
 * just the version) of the application's main class, from its jar manifest.
 */
public final class ReleaseDetector {

    private ReleaseDetector() {
    }

    public static String detect() {
        String command = System.getProperty("sun.java.command");
        if (command == null || command.isBlank()) {
            return null;
        }
        String main = command.split(" ", 2)[0];
        try {
            Class<?> type = Class.forName(main, false, Thread.currentThread().getContextClassLoader());
            return fromPackage(type.getPackage());
        } catch (ClassNotFoundException | LinkageError e) {
            return null; // a jar path or something we cannot load: no release
        }
    }

    /** The release a package's manifest names, or {@code null}. */
    public static String fromPackage(Package p) {
        if (p == null || p.getImplementationVersion() == null) {
            return null;
        }
        String title = p.getImplementationTitle();
        String release = title == null ? p.getImplementationVersion() : title + "@" + p.getImplementationVersion();
        return IngestRules.releaseProblem(release) == null ? release : null;
    }
}
