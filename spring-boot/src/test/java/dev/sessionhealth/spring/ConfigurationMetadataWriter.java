package dev.sessionhealth.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sessionhealth.internal.TrackingMode;
import dev.sessionhealth.internal.config.ConfigOption;
import dev.sessionhealth.internal.config.OptionCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code META-INF/spring-configuration-metadata.json} at build time (so IDEs complete and
 * document every {@code sessionhealth.*} key) from the modules' option catalogs and the README's
 * options table, the one place the options are described. Fails the build when a key has no row
 * there. Run by the build ({@code process-test-classes}), not by hand.
 */
public final class ConfigurationMetadataWriter {

    private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\| (.*?) \\| (.*) \\|$");

    private ConfigurationMetadataWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path readme = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Map<String, String[]> rows = rows(Files.readAllLines(readme));
        List<Map<String, Object>> properties = new ArrayList<>();
        List<Map<String, Object>> hints = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (ConfigOption<?> option : OptionCatalog.all(ConfigurationMetadataWriter.class.getClassLoader())) {
            String[] row = rows.get(option.key());
            if (row == null) {
                missing.add(option.key());
                continue;
            }
            String name = SpringEnvironmentSource.kebab(option.prefixedName());
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", name);
            p.put("type", type(option.defaultValue()));
            p.put("description", plain(row[1]));
            p.put("sourceType", "dev.sessionhealth.spring.SessionHealthSettings");
            Object value = defaultValue(option.defaultValue(), row[0]);
            if (value != null) {
                p.put("defaultValue", value);
            }
            properties.add(p);
            if (option.defaultValue() instanceof TrackingMode) {
                List<Map<String, Object>> values = new ArrayList<>();
                for (TrackingMode m : TrackingMode.values()) {
                    values.add(Map.of("value", m.value()));
                }
                hints.add(Map.of("name", name, "values", values));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no row in the README's options table for " + missing);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("groups", List.of(Map.of("name", "sessionhealth",
                "type", "dev.sessionhealth.spring.SessionHealthSettings",
                "description", "Release health: user sessions sent to a Sentry-compatible ingest.")));
        metadata.put("properties", properties);
        metadata.put("hints", hints);
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), metadata);
    }

    /** key → {default column, description column} of the README's options table. */
    static Map<String, String[]> rows(List<String> lines) {
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.putIfAbsent(m.group(1), new String[] {m.group(2), m.group(3)});
            }
        }
        return rows;
    }

    private static String type(Object defaultValue) {
        if (defaultValue instanceof Boolean) {
            return "java.lang.Boolean";
        }
        if (defaultValue instanceof Integer) {
            return "java.lang.Integer";
        }
        if (defaultValue instanceof Duration) {
            return "java.time.Duration";
        }
        if (defaultValue instanceof List) {
            return "java.util.List<java.lang.String>";
        }
        return "java.lang.String";
    }

    /** The default as the README shows it when that is one code span, typed where JSON has the type. */
    private static Object defaultValue(Object value, String column) {
        if (value instanceof Boolean || value instanceof Integer) {
            return value;
        }
        if (value == null || !column.matches("`[^`]+`")) {
            return null;
        }
        String text = column.substring(1, column.length() - 1);
        return value instanceof List ? List.of(text.split(",")) : text;
    }

    /** Markdown to plain text: no code ticks, no emphasis, links as their text. */
    static String plain(String markdown) {
        return markdown.replaceAll("\\[([^\\]]+)]\\([^)]+\\)", "$1").replace("**", "").replace("`", "");
    }
}
