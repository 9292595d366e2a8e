package dev.sessionhealth.internal.config;

import dev.sessionhealth.internal.TrackingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns configuration strings into values. Each failure says why in words a user can act on; the
 * reader adds the key, the value and where it came from.
 */
public final class Parsers {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    private Parsers() {
    }

    public static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    /** A whole number from {@code min} to {@code max}; {@code _} may group digits. */
    static Function<String, Integer> integer(int min, int max) {
        return value -> {
            int n;
            try {
                n = Integer.parseInt(value.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number");
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return n;
        };
    }

    /**
     * {@code 30m}, {@code 90s}, {@code 1500ms}, {@code 24h}, {@code 2d}, a bare number of seconds, or
     * ISO-8601 ({@code PT30M}); no spaces.
     */
    static Duration duration(String value) {
        Matcher m = SIMPLE_DURATION.matcher(value.toLowerCase(Locale.ROOT));
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
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be a duration such as 30m, 90s, 1500ms, 24h, 2d or PT30M");
        }
    }

    /** A duration above zero and at most {@code max} ({@code null}: no upper bound). */
    static Function<String, Duration> positiveDuration(Duration max, String whyMax) {
        return value -> {
            Duration d = duration(value);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("must be positive");
            }
            if (max != null && d.compareTo(max) > 0) {
                throw new IllegalArgumentException("must be at most " + text(max) + " (" + whyMax + ")");
            }
            return d;
        };
    }

    /** A comma-separated list; {@code -} alone (or only commas) is the empty list. */
    public static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(",")) {
            String t = s.trim();
            if (!t.isEmpty() && !t.equals("-")) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    /** A value as written in configuration: {@code 30m} rather than {@code PT30M}, lists comma-separated. */
    static String text(Object value) {
        if (value instanceof Duration d) {
            return text(d);
        }
        if (value instanceof TrackingMode mode) {
            return mode.value();
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "-" : String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    private static String text(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0 && ms >= 2 * 86_400_000L) { // 24h stays 24h
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0 && ms != 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0 && ms != 0) {
            return ms / 60_000L + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
