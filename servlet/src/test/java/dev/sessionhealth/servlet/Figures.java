package dev.sessionhealth.servlet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The reliability figures file ({@code target/reliability-figures.txt}): one line per scenario,
 * replaced when the scenario runs again, so that a run of any subset of the suite keeps the others.
 */
final class Figures {

    static final Path FILE = Path.of("target", "reliability-figures.txt");

    private Figures() {
    }

    /** Writes {@code scenario key=value ...}, replacing that scenario's previous line. */
    static synchronized void record(String scenario, Map<String, ?> figures) {
        String line = scenario + " " + figures.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        try {
            Files.createDirectories(FILE.toAbsolutePath().getParent());
            List<String> lines = new ArrayList<>();
            if (Files.exists(FILE)) {
                for (String l : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
                    if (!l.startsWith(scenario + " ")) {
                        lines.add(l);
                    }
                }
            }
            lines.add(line);
            Files.write(FILE, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("[figures] " + line);
    }
}
