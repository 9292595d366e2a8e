package dev.sessionhealth.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses configuration strings; every failure names the option and the value. */
public final class ConfigValues {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private ConfigValues() {
    }

    public static boolean bool(String name, String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> {
                return true;
            }
            case "false", "no", "off", "0" -> {
                return false;
            }
            default -> throw new IllegalArgumentException(name + " must be true or false: '" + value + "'");
        }
    }

    public static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number: '" + value + "'", e);
        }
    }

    /** {@code 30m}, {@code 90s}, {@code 1500ms}, {@code 24h}, {@code 2d}, a bare number of seconds, or ISO-8601 ({@code PT30M}). */
    public static Duration duration(String name, String value) {
        String v = value.trim();
        Matcher m = SIMPLE_DURATION.matcher(v.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
            };
        }
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a duration such as 30m, 90s or PT30M: '" + value + "'", e);
        }
    }

    /** {@code sessionTimeout} becomes {@code SESSIONHEALTH_SESSION_TIMEOUT}. */
    public static String environmentName(String key) {
        return "SESSIONHEALTH_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
