package dev.sessionhealth.containers;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a deployment with a clean configuration must not leave in a container's output: a warning
 * or an error of ours (a logger under {@code dev.sessionhealth} or a message starting with
 * {@code sessionhealth:}), RESTEasy's duplicate provider registration, or a notice of an SLF4J jar
 * that came with the WAR. Knows the console formats of the three containers: Tomcat's
 * {@code OneLineFormatter}, WildFly's console pattern, and java.util.logging's two-line
 * {@code SimpleFormatter} (what System.Logger writes on Jetty).
 */
final class ServerLog {

    /** Tomcat: {@code 04-Dec-2026 23:50:00.123 WARNING [main] dev.sessionhealth.X.method message}. */
    private static final Pattern TOMCAT_OURS =
            Pattern.compile("\\b(WARNING|SEVERE)\\s+\\[[^\\]]*\\]\\s+dev\\.sessionhealth\\.");
    /** WildFly: {@code 23:50:00,123 WARN  [dev.sessionhealth.cdi] (thread) message}. */
    private static final Pattern WILDFLY_OURS =
            Pattern.compile("\\b(WARN|ERROR|FATAL)\\s+\\[dev\\.sessionhealth[.\\]]");
    /** java.util.logging SimpleFormatter: a source line, then {@code WARNING: message}. */
    private static final Pattern JUL_LEVEL = Pattern.compile("^(WARNING|SEVERE): ");
    private static final Pattern JUL_SOURCE_OURS = Pattern.compile("\\sdev\\.sessionhealth\\.\\S+ \\S+$");
    /** Any format: a warning or error line whose message starts with {@code sessionhealth:}. */
    private static final Pattern LEVEL = Pattern.compile("\\b(WARN|WARNING|ERROR|SEVERE|FATAL)\\b");
    private static final Pattern OUR_MESSAGE = Pattern.compile("(^|[\\s:\\])])sessionhealth:");
    /** RESTEasy registering a provider twice; SLF4J's notices (1.7: "SLF4J:", 2.0: "SLF4J(W):"). */
    private static final Pattern NOISE = Pattern.compile("RESTEASY002155|\\bSLF4J(\\([A-Z]\\))?:");

    private ServerLog() {
    }

    /** The offending lines of {@code log}, empty if there are none. */
    static List<String> offending(String log) {
        List<String> found = new ArrayList<>();
        String previous = "";
        for (String line : log.split("\\R")) {
            boolean ours = TOMCAT_OURS.matcher(line).find()
                    || WILDFLY_OURS.matcher(line).find()
                    || (JUL_LEVEL.matcher(line).find() && JUL_SOURCE_OURS.matcher(previous).find())
                    || (LEVEL.matcher(line).find() && OUR_MESSAGE.matcher(line).find());
            if (ours || NOISE.matcher(line).find()) {
                found.add(line);
            }
            previous = line;
        }
        return found;
    }
}
