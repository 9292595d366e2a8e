package dev.sessionhealth.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DemoMain} as {@code ./demo} runs it, in its own JVM: what the user sees on the console and
 * the exit code when they ask for help or something is in the way.
 */
@Timeout(120)
class DemoMainProcessTest {

    @TempDir
    Path dir;

    @Test
    void helpPrintsTheUsageAndExitsZero() throws Exception {
        Result help = run(Map.of(), "--help");
        Result h = run(Map.of(), "--simulate", "-h");

        assertEquals(0, help.exitCode(), help::toString);
        assertEquals(DemoConfig.usage(), help.out());
        assertEquals("", help.err());
        assertEquals(0, h.exitCode(), h::toString);
        assertEquals(DemoConfig.usage(), h.out());
    }

    @Test
    void aBusyPortEndsWithOneLineThatNamesTheFix() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            Result result = run(Map.of(), "--port", String.valueOf(port));

            assertEquals(DemoStartException.CANNOT_LISTEN, result.exitCode(), result::toString);
            List<String> lines = result.err().lines().toList();
            assertEquals(1, lines.size(), result::toString);
            String line = lines.get(0);
            assertTrue(line.startsWith("demo: port " + port + " is already in use"), line);
            assertTrue(line.matches(".*--port 909[01] or PORT=909[01] .*"), line);
            assertFalse(line.contains("Exception"), line);
            assertFalse(result.out().contains("is running"), result::toString);
        }
    }

    @Test
    void anUnknownArgumentOrABadOptionEndsWithOneLineAndExitCode2() throws Exception {
        Result unknown = run(Map.of(), "--bogus");
        Result badDsn = run(Map.of("SENTRY_DSN", "not a dsn"), "--port", "0");

        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertEquals(List.of("demo: unknown argument '--bogus' (./demo --help lists the options)"),
                unknown.err().lines().toList());
        assertEquals(2, badDsn.exitCode(), badDsn::toString);
        assertEquals(1, badDsn.err().lines().count(), badDsn::toString);
        assertTrue(badDsn.err().startsWith("demo: invalid library option: "), badDsn::toString);
        assertFalse(badDsn.err().contains("Exception"), badDsn::toString);
    }

    private Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path out = dir.resolve("out-" + System.nanoTime());
        Path err = dir.resolve("err-" + System.nanoTime());
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dsessionhealth.stateDirectory=" + dir.resolve("state"),
                DemoMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SENTRY_") || k.startsWith("SESSIONHEALTH_")
                || k.equals("PORT") || k.equals("HOST"));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the demo did not exit: " + Files.readString(out) + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String out, String err) {
    }
}
