package dev.sessionhealth.internal.wire;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/** The checks Relay applies after answering 200; what fails them would be dropped silently. */
public final class IngestRules {

    public static final Duration MAX_AGE = Duration.ofDays(5);
    static final Duration MAX_FUTURE = Duration.ofSeconds(60);

    private static final Set<String> BAD_RELEASES = Set.of(".", "..", "latest");
    private static final Set<String> BAD_ENVIRONMENTS = Set.of(".", "..", "none");

    private IngestRules() {
    }

    /** Throws {@link IllegalArgumentException} naming the release and the rule it breaks. */
    public static void checkRelease(String release) {
        String problem = releaseProblem(release);
        if (problem != null) {
            throw new IllegalArgumentException("release '" + printable(release) + "' " + problem);
        }
    }

    /** Throws {@link IllegalArgumentException} naming the environment and the rule it breaks. */
    public static void checkEnvironment(String environment) {
        String problem = environmentProblem(environment);
        if (problem != null) {
            throw new IllegalArgumentException("environment '" + printable(environment) + "' " + problem);
        }
    }

    public static String releaseProblem(String release) {
        if (release == null || release.isEmpty()) {
            return "must not be empty";
        }
        if (release.getBytes(StandardCharsets.UTF_8).length > 200) {
            return "must be at most 200 bytes";
        }
        if (BAD_RELEASES.contains(release.toLowerCase(Locale.ROOT))) {
            return "is a name the ingest rejects";
        }
        if (release.indexOf('/') >= 0 || release.indexOf('\\') >= 0) {
            return "must not contain '/' or '\\'";
        }
        return hasControl(release) ? "must not contain control characters" : null;
    }

    public static String environmentProblem(String environment) {
        if (environment.getBytes(StandardCharsets.UTF_8).length > 64) {
            return "must be at most 64 bytes";
        }
        if (BAD_ENVIRONMENTS.contains(environment.toLowerCase(Locale.ROOT))) {
            return "is a name the ingest rejects";
        }
        if (environment.indexOf('/') >= 0 || environment.indexOf('\\') >= 0) {
            return "must not contain '/' or '\\'";
        }
        return hasControl(environment) ? "must not contain control characters" : null;
    }

    /** Whether a session with these times is inside the window the ingest accepts at {@code now}. */
    public static boolean inTimeWindow(Instant started, Instant timestamp, Instant now) {
        Instant oldest = now.minus(MAX_AGE);
        Instant newest = now.plus(MAX_FUTURE);
        return !started.isBefore(oldest) && !timestamp.isAfter(newest) && !timestamp.isBefore(started);
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0));
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(80).forEach(c -> {
            if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
