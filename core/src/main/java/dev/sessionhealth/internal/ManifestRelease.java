package dev.sessionhealth.internal;

import dev.sessionhealth.internal.wire.IngestRules;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/** The release a web application's own {@code /META-INF/MANIFEST.MF} names, if any. */
public final class ManifestRelease {

    private ManifestRelease() {
    }

    /**
     * {@code Implementation-Title@Implementation-Version}, just the version, or {@code null}.
     *
     * @param manifest opens the manifest, or gives {@code null} when there is none
     */
    public static String of(Supplier<InputStream> manifest) {
        try (InputStream in = manifest.get()) {
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
