package dev.sessionhealth.jcache;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A process of its own on the tests' class path ({@link NodeMain}, {@link MemberMain}), started and awaited. */
final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * Starts {@code main} with {@code args} and waits until it prints {@code READY <what>}; its output
     * is drained from then on, so that it never blocks on its log.
     *
     * @return the process, and what it said it is ready as
     */
    static Ready start(Class<?> main, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            return new Ready(p, awaitReady(p));
        } catch (Exception | Error e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** A started process and the word after its {@code READY}. */
    record Ready(Process process, String what) {
        URI base() {
            return URI.create(what);
        }
    }

    /** Reads the child's output until it says it is ready (its Hazelcast log lines come first). */
    private static String awaitReady(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe empty so the child never blocks on its log
                        }
                    } catch (java.io.IOException ignored) {
                        // killed
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return line.substring(6).trim();
            }
            seen.add(line);
        }
        throw new AssertionError("the process ended before it was ready:\n" + String.join("\n", seen));
    }
}
