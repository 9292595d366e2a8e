package dev.sessionhealth.internal.config;

import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.internal.TrackingMode;
import dev.sessionhealth.internal.wire.Dsn;
import dev.sessionhealth.internal.wire.IngestRules;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Core's keys ({@link SessionOptions}) and the keys the servlet filter and the JAX-RS hook share
 * ({@code mode}, {@code cookieName}, {@code cookieKey}). Defaults are those of {@link SessionOptions.Builder}.
 */
public final class CoreOptions implements OptionCatalog {

    public static final ConfigOption<Boolean> ENABLED = ConfigOption.of("enabled", true, Parsers::bool);
    public static final ConfigOption<String> DSN = ConfigOption.of("dsn", null, CoreOptions::dsn)
            .urlWithKey().alsoFromEnvironment("SENTRY_DSN");
    public static final ConfigOption<String> RELEASE = ConfigOption.of("release", null, CoreOptions::release)
            .alsoFromEnvironment("SENTRY_RELEASE");
    public static final ConfigOption<String> ENVIRONMENT = ConfigOption.of("environment", "production",
            CoreOptions::environment).alsoFromEnvironment("SENTRY_ENVIRONMENT");
    public static final ConfigOption<Boolean> SEND_DEFAULT_PII = ConfigOption.of("sendDefaultPii", false,
            Parsers::bool);
    static final ConfigOption<String> DID_SALT = ConfigOption.<String>of("didSalt", null, Function.identity())
            .secret().defaultShownAs("(the DSN's public key)");
    public static final ConfigOption<Duration> SESSION_TIMEOUT = ConfigOption.of("sessionTimeout",
            Duration.ofMinutes(30), Parsers.positiveDuration(null, null));
    public static final ConfigOption<Duration> MAX_SESSION_DURATION = ConfigOption.of("maxSessionDuration",
            Duration.ofHours(24), Parsers.positiveDuration(Duration.ofDays(4), "the ingest drops sessions older than 5 days"));
    static final ConfigOption<Integer> QUEUE_CAPACITY = ConfigOption.of("queueCapacity", 10_000,
            Parsers.integer(1, 10_000_000));
    static final ConfigOption<Duration> FLUSH_INTERVAL = ConfigOption.of("flushInterval",
            Duration.ofSeconds(5), Parsers.positiveDuration(null, null));
    static final ConfigOption<Duration> SHUTDOWN_TIMEOUT = ConfigOption.of("shutdownTimeout",
            Duration.ofSeconds(5), Parsers::duration);
    static final ConfigOption<Duration> REQUEST_TIMEOUT = ConfigOption.of("requestTimeout",
            Duration.ofSeconds(10), Parsers.positiveDuration(null, null));
    static final ConfigOption<Boolean> REPORT_UNHANDLED = ConfigOption.of("reportUnhandled", false,
            Parsers::bool);
    static final ConfigOption<Boolean> COMPRESS = ConfigOption.of("compress", true, Parsers::bool);
    static final ConfigOption<Boolean> PERSISTENCE = ConfigOption.of("persistence", true, Parsers::bool);
    static final ConfigOption<String> STATE_DIRECTORY = ConfigOption.<String>of("stateDirectory", null,
            Function.identity()).defaultShownAs("(under java.io.tmpdir, per instance)");
    public static final ConfigOption<String> INSTANCE = ConfigOption.<String>of("instance", "default",
            Function.identity());
    static final ConfigOption<Duration> JOURNAL_INTERVAL = ConfigOption.of("journalInterval",
            Duration.ofMillis(100), Parsers.positiveDuration(null, null));

    static final ConfigOption<String> STORE = ConfigOption.of("store", "memory", CoreOptions::store);
    static final ConfigOption<String> STORE_CACHE = ConfigOption.of("storeCache", "sessionhealth",
            Function.identity());
    static final ConfigOption<String> STORE_PROVIDER = ConfigOption.<String>of("storeProvider", null,
            Function.identity()).defaultShownAs("(the only JCache provider present)");
    static final ConfigOption<String> STORE_CONFIG = ConfigOption.<String>of("storeConfig", null,
            Function.identity()).defaultShownAs("(the provider's default)");
    static final ConfigOption<Duration> STORE_HEARTBEAT = ConfigOption.of("storeHeartbeat", Duration.ofMinutes(1),
            Parsers.positiveDuration(null, null));
    static final ConfigOption<Duration> STORE_TIMEOUT = ConfigOption.of("storeTimeout", Duration.ofSeconds(2),
            Parsers.positiveDuration(null, null));

    /** How the servlet filter and the JAX-RS hook map requests to sessions. */
    public static final ConfigOption<TrackingMode> MODE = ConfigOption.of("mode", TrackingMode.COOKIE,
            TrackingMode::parse);
    /** The name of the cookie that keeps a user's session (filter and JAX-RS hook). */
    public static final ConfigOption<String> COOKIE_NAME = ConfigOption.of("cookieName", "sessionhealth",
            CoreOptions::cookieToken);
    /**
     * The HMAC key signing that cookie (filter and JAX-RS hook), or {@code null} for a random one per
     * start of the application. Never logged.
     */
    public static final ConfigOption<String> COOKIE_KEY = ConfigOption.of("cookieKey", null, CoreOptions::cookieKey)
            .secret().defaultShownAs("(random per start)");

    private static final List<ConfigOption<?>> ALL = List.of(ENABLED, DSN, RELEASE, ENVIRONMENT, SEND_DEFAULT_PII,
            DID_SALT, SESSION_TIMEOUT, MAX_SESSION_DURATION, QUEUE_CAPACITY, FLUSH_INTERVAL, SHUTDOWN_TIMEOUT,
            REQUEST_TIMEOUT, REPORT_UNHANDLED, COMPRESS, PERSISTENCE, STATE_DIRECTORY, INSTANCE, JOURNAL_INTERVAL,
            STORE, STORE_CACHE, STORE_PROVIDER, STORE_CONFIG, STORE_HEARTBEAT, STORE_TIMEOUT,
            MODE, COOKIE_NAME, COOKIE_KEY);

    @Override
    public List<ConfigOption<?>> options() {
        return ALL;
    }

    /** Sets on {@code b} the core options {@code c} sets; the others keep the builder's values. */
    public static SessionOptions.Builder applyTo(Configuration c, SessionOptions.Builder b) {
        c.ifSet(ENABLED, b::enabled);
        c.ifSet(DSN, b::dsn);
        c.ifSet(RELEASE, b::release);
        c.ifSet(ENVIRONMENT, b::environment);
        c.ifSet(SEND_DEFAULT_PII, b::sendDefaultPii);
        c.ifSet(DID_SALT, b::didSalt);
        c.ifSet(SESSION_TIMEOUT, b::sessionTimeout);
        c.ifSet(MAX_SESSION_DURATION, b::maxSessionDuration);
        c.ifSet(QUEUE_CAPACITY, b::queueCapacity);
        c.ifSet(FLUSH_INTERVAL, b::flushInterval);
        c.ifSet(SHUTDOWN_TIMEOUT, b::shutdownTimeout);
        c.ifSet(REQUEST_TIMEOUT, b::requestTimeout);
        c.ifSet(REPORT_UNHANDLED, b::reportUnhandled);
        c.ifSet(COMPRESS, b::compress);
        c.ifSet(PERSISTENCE, b::persistence);
        c.ifSet(STATE_DIRECTORY, b::stateDirectory);
        c.ifSet(INSTANCE, b::instance);
        c.ifSet(STORE, b::store);
        c.ifSet(STORE_CACHE, b::storeCache);
        c.ifSet(STORE_PROVIDER, b::storeProvider);
        c.ifSet(STORE_CONFIG, b::storeConfig);
        c.ifSet(STORE_HEARTBEAT, b::storeHeartbeat);
        c.ifSet(STORE_TIMEOUT, b::storeTimeout);
        c.ifSet(JOURNAL_INTERVAL, b::journalInterval);
        return b;
    }

    private static String dsn(String value) {
        Dsn.parse(value); // its messages never contain the key
        return value;
    }

    private static String release(String value) {
        String problem = IngestRules.releaseProblem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return value;
    }

    private static String environment(String value) {
        String problem = IngestRules.environmentProblem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return value;
    }

    private static String store(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (!v.equals("memory") && !v.equals("jcache")) {
            throw new IllegalArgumentException("must be memory or jcache");
        }
        return v;
    }

    private static String cookieKey(String value) {
        if (value.length() < 16) {
            throw new IllegalArgumentException("must have at least 16 characters");
        }
        return value;
    }

    private static String cookieToken(String value) {
        for (char c : value.toCharArray()) {
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("must be a cookie token (no spaces, separators or control characters)");
            }
        }
        return value;
    }
}
