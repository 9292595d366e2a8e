package dev.sessionhealth.cdi.internal;

import dev.sessionhealth.ConfigKey;
import dev.sessionhealth.SessionOptions;
import java.util.function.UnaryOperator;

/**
 * The validated configuration of the CDI module: the core options and the JAX-RS tracking mode.
 *
 * @param options the core options
 * @param mode how the JAX-RS hook tracks requests no servlet filter tracks
 */
public record Settings(SessionOptions options, TrackingMode mode) {

    /** The short key of the tracking mode ({@code sessionhealth.mode}). */
    static final String MODE = "mode";

    /**
     * Reads and validates every option.
     *
     * @throws IllegalArgumentException naming the option (full name) and its bad value
     */
    static Settings load(UnaryOperator<String> lookup) {
        TrackingMode mode;
        try {
            mode = TrackingMode.parse(lookup.apply(MODE));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe(MODE, lookup.apply(MODE)) + ": " + e.getMessage(), e);
        }
        try {
            return new Settings(SessionOptions.builder().apply(lookup).build(), mode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(culprit(lookup) + ": " + e.getMessage(), e);
        }
    }

    /** Finds the first option that fails on its own, to name it with its value. */
    private static String culprit(UnaryOperator<String> lookup) {
        for (ConfigKey key : ConfigKey.values()) {
            String value = lookup.apply(key.key());
            if (value == null || value.isBlank()) {
                continue;
            }
            try {
                SessionOptions.builder().apply(k -> k.equals(key.key()) ? value : null).build();
            } catch (IllegalArgumentException e) {
                return describe(key.key(), value);
            }
        }
        return "invalid combination of options";
    }

    private static String describe(String key, String value) {
        boolean secret = key.equals(ConfigKey.DSN.key()) || key.equals(ConfigKey.DID_SALT.key());
        return "sessionhealth." + key + "=" + (secret ? "(value not shown)" : "'" + value.trim() + "'");
    }
}
