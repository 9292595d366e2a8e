package dev.sessionhealth.cdi.internal;

import dev.sessionhealth.internal.TrackingMode;
import dev.sessionhealth.ConfigKey;
import dev.sessionhealth.SessionOptions;
import java.util.function.UnaryOperator;

/**
 * The validated configuration of the CDI module: the core options, the tracking mode and the
 * cookie name the JAX-RS hook uses when no servlet filter tracks the request.
 *
 * @param options the core options
 * @param mode how the JAX-RS hook maps requests to sessions
 * @param cookieName the name of the JAX-RS hook's cookie
 */
public record Settings(SessionOptions options, TrackingMode mode, String cookieName) {

    static final String MODE = "mode";
    static final String COOKIE_NAME = "cookieName";
    static final String DEFAULT_COOKIE_NAME = "sessionhealth";

    /**
     * Reads and validates every option.
     *
     * @throws IllegalArgumentException naming the option (full name) and its bad value
     */
    static Settings load(UnaryOperator<String> lookup) {
        TrackingMode mode = own(lookup, MODE, raw -> TrackingMode.parse("mode", raw));
        String cookieName = own(lookup, COOKIE_NAME, Settings::cookieName);
        try {
            return new Settings(SessionOptions.builder().apply(lookup).build(), mode, cookieName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(culprit(lookup) + ": " + e.getMessage(), e);
        }
    }

    private static <T> T own(UnaryOperator<String> lookup, String key, java.util.function.Function<String, T> parse) {
        String value = lookup.apply(key);
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe(key, value) + ": " + e.getMessage(), e);
        }
    }

    private static String cookieName(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_COOKIE_NAME;
        }
        String v = value.trim();
        for (char c : v.toCharArray()) {
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("cookieName must be a cookie token: '" + v + "'");
            }
        }
        return v;
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
