package dev.sessionhealth.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A container started as a real separate process with its output in a log file. {@link #stop}
 * sends SIGTERM (what a service manager does) and waits, bounded; {@link #close} kills whatever is
 * still running, the whole process tree, so no test leaves a server behind.
 */
final class ContainerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ContainerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ContainerProcess start(List<String> command, Path workingDirectory, Map<String, String> environment,
            Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        return new ContainerProcess(builder.start(), log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Asks the container to shut down (SIGTERM) and waits for it, at most {@code timeout}. */
    boolean stop(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The last {@code maxChars} characters of the container's output, for failure messages. */
    String logTail(int maxChars) {
        try {
            String text = Files.readString(log);
            return text.length() <= maxChars ? text : text.substring(text.length() - maxChars);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
