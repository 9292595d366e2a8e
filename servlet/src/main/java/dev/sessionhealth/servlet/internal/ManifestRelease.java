package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.internal.IngestRules;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/** The release named by the web application's own {@code /META-INF/MANIFEST.MF}, if any. */
final class ManifestRelease {

    private ManifestRelease() {
    }

    /** {@code Implementation-Title@Implementation-Version}, just the version, or {@code null}. */
    static String of(ServletContext context) {
        try (InputStream in = context.getResourceAsStream("/META-INF/MANIFEST.MF")) {
            if (in == null) {
                return null;
            }
            Attributes main = new Manifest(in).getMainAttributes();
            String version = main.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
            if (version == null || version.isBlank()) {
                return null;
            }
            String title = main.getValue(Attributes.Name.IMPLEMENTATION_TITLE);
            String release = title == null || title.isBlank() ? version.trim() : title.trim() + "@" + version.trim();
            return IngestRules.releaseProblem(release) == null ? release : null;
        } catch (IOException | RuntimeException e) {
            return null; // unreadable manifest: fall back to core's detection
        }
    }
}
