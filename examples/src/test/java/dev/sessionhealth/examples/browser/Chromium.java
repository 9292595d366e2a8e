package dev.sessionhealth.examples.browser;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, installed with apt-get when missing (root only). When it cannot be
 * found or installed, {@link #findOrInstall} aborts the test with the reason: skipped, not passed.
 */
final class Chromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final long INSTALL_MINUTES = 10;
    private static final long RUN_SECONDS = 90;

    private final Path binary;
    private final Path profile;

    private Chromium(Path binary, Path profile) {
        this.binary = binary;
        this.profile = profile;
    }

    static Chromium findOrInstall(Path profile) throws IOException, InterruptedException {
        Optional<Path> found = find();
        if (found.isEmpty()) {
            install();
            found = find();
        }
        if (found.isEmpty()) {
            abort("chromium is not installed and could not be installed with 'apt-get install -y chromium' "
                    + "(needs root and Debian's apt); install it to run the browser test");
        }
        return new Chromium(found.get(), profile);
    }

    /** The DOM after the page's scripts ran for {@code virtualMillis} of (virtual) time. */
    String dumpDom(URI page, int virtualMillis) throws IOException, InterruptedException {
        return run(List.of("--dump-dom", "--virtual-time-budget=" + virtualMillis, page.toString()));
    }

    void screenshot(URI page, Path png, int width, int height, int virtualMillis) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", "--virtual-time-budget=" + virtualMillis, page.toString()));
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath()));
        command.addAll(args);
        Path stderr = Files.createTempFile(profile, "chromium", ".log");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes(); // ends when chromium exits or is killed
        if (!process.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("chromium did not finish within " + RUN_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("chromium exited with " + process.exitValue() + ": " + Files.readString(stderr));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : NAMES) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static void install() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get")) || !"root".equals(System.getProperty("user.name"))) {
            return;
        }
        // a fresh machine has no package lists yet: without them the install finds nothing
        run("apt-get", "update", "-qq");
        run("apt-get", "install", "-y", "--no-install-recommends", "chromium");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process apt = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!apt.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES)) {
            apt.destroyForcibly();
        }
    }
}
