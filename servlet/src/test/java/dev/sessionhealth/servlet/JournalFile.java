package dev.sessionhealth.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a running (or killed) application's session journal from the outside, as a test sees it. */
final class JournalFile {

    private static final Pattern RECORD = Pattern.compile("\"k\":\"([a-z])\",\"sid\":\"([0-9a-f]{32})\"");

    private JournalFile() {
    }

    /** The sids the journal in {@code stateDirectory} holds as started and not yet done. */
    static Set<String> unfinished(Path stateDirectory) {
        Path log = stateDirectory.resolve("sessions.log");
        Set<String> out = new HashSet<>();
        try {
            if (!Files.exists(log)) {
                return out;
            }
            Matcher m = RECORD.matcher(Files.readString(log, StandardCharsets.UTF_8));
            while (m.find()) {
                if (m.group(1).equals("s")) {
                    out.add(m.group(2));
                } else if (m.group(1).equals("d")) {
                    out.remove(m.group(2));
                }
            }
        } catch (IOException | RuntimeException e) {
            // being written or rewritten right now: the next poll reads it again
        }
        return out;
    }
}
