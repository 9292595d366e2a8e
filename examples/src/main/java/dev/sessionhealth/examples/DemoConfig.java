package dev.sessionhealth.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * How the demo runs: from command-line flags, falling back to environment variables.
 *
 * @param host the address to listen on
 * @param port the port, 0 for any free one
 * @param simulate whether to run the traffic simulator once at start-up
 * @param users virtual users per simulation run
 * @param think the longest pause of a virtual user between two requests
 * @param cluster how many shop nodes to run behind a round-robin proxy, or 0 for the single shop
 */
public record DemoConfig(String host, int port, boolean simulate, int users, Duration think, int cluster) {

    static final Duration DEFAULT_THINK = Duration.ofMillis(400);
    /** The most nodes {@code --cluster} starts: each is a Jetty, a Weld container and a Hazelcast member. */
    static final int MAX_NODES = 9;

    /** Where the usage text is; the {@code demo} script prints the same file for {@code --help}. */
    static final String USAGE_RESOURCE = "usage.txt";
    private static final String SEE_HELP = " (./demo --help lists the options)";

    public DemoConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (users < 1 || users > 10_000) {
            throw new IllegalArgumentException("users must be between 1 and 10000: " + users);
        }
        if (cluster < 0 || cluster > MAX_NODES) {
            throw new IllegalArgumentException("--cluster must be between 1 and " + MAX_NODES + ": " + cluster);
        }
    }

    /** The single shop (no cluster). */
    public DemoConfig(String host, int port, boolean simulate, int users, Duration think) {
        this(host, port, simulate, users, think, 0);
    }

    /** Whether the arguments ask for the usage ({@code --help} or {@code -h}) instead of a run. */
    public static boolean wantsHelp(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
    }

    /** The usage: every flag and environment variable the demo reads. */
    public static String usage() {
        try (InputStream in = DemoConfig.class.getResourceAsStream(USAGE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(USAGE_RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flags win over the environment; an unknown flag or a bad value fails with one line that says what. */
    public static DemoConfig parse(String[] args, Map<String, String> env) {
        String host = env.getOrDefault("HOST", "127.0.0.1");
        int port = number("PORT", env.getOrDefault("PORT", "8080"));
        boolean simulate = false;
        int users = 200;
        int cluster = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = number("--port", value(args, ++i));
                case "--host" -> host = value(args, ++i);
                case "--users" -> users = number("--users", value(args, ++i));
                case "--simulate" -> simulate = true;
                case "--cluster" -> {
                    cluster = number("--cluster", value(args, ++i));
                    if (cluster < 1) {
                        throw new IllegalArgumentException("--cluster must be between 1 and " + MAX_NODES + ": " + cluster);
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'" + SEE_HELP);
            }
        }
        return new DemoConfig(host, port, simulate, users, DEFAULT_THINK, cluster);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value" + SEE_HELP);
        }
        return args[i];
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number: '" + value + "'");
        }
    }
}
