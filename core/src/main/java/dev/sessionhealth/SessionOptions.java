package dev.sessionhealth;

import dev.sessionhealth.internal.config.ConfigReader;
import dev.sessionhealth.internal.config.ConfigSource;
import dev.sessionhealth.internal.config.ConfigSources;
import dev.sessionhealth.internal.config.CoreOptions;
import dev.sessionhealth.internal.wire.Dsn;
import dev.sessionhealth.internal.wire.IngestRules;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Immutable, validated configuration. Build it with {@link #builder()}; every bad value fails
 * {@link Builder#build()} with the value in the message. The root README lists the keys under
 * which each option can also be set (system property, environment variable, web.xml, MicroProfile
 * Config) and their one precedence.
 */
public final class SessionOptions {

    /** Sessions are never tracked for longer than the ingest accepts (5 days) less a safety margin. */
    static final Duration MAX_SESSION_DURATION_LIMIT = Duration.ofDays(4);

    private final boolean enabled;
    private final String dsn;
    private final String release;
    private final String environment;
    private final boolean sendDefaultPii;
    private final String didSalt;
    private final Duration sessionTimeout;
    private final Duration maxSessionDuration;
    private final int queueCapacity;
    private final Duration flushInterval;
    private final Duration shutdownTimeout;
    private final Duration requestTimeout;
    private final boolean reportUnhandled;
    private final boolean compress;
    private final boolean persistence;
    private final String stateDirectory;
    private final String instance;
    private final String store;
    private final String storeCache;
    private final String storeProvider;
    private final String storeConfig;
    private final Duration storeHeartbeat;
    private final Duration storeTimeout;
    private final Duration journalInterval;

    private SessionOptions(Builder b) {
        this.enabled = b.enabled;
        this.dsn = b.dsn;
        this.release = b.release;
        this.environment = b.environment;
        this.sendDefaultPii = b.sendDefaultPii;
        this.didSalt = b.didSalt;
        this.sessionTimeout = b.sessionTimeout;
        this.maxSessionDuration = b.maxSessionDuration;
        this.queueCapacity = b.queueCapacity;
        this.flushInterval = b.flushInterval;
        this.shutdownTimeout = b.shutdownTimeout;
        this.requestTimeout = b.requestTimeout;
        this.reportUnhandled = b.reportUnhandled;
        this.compress = b.compress;
        this.persistence = b.persistence;
        this.stateDirectory = b.stateDirectory;
        this.instance = b.instance;
        this.store = b.store;
        this.storeCache = b.storeCache;
        this.storeProvider = b.storeProvider;
        this.storeConfig = b.storeConfig;
        this.storeHeartbeat = b.storeHeartbeat;
        this.storeTimeout = b.storeTimeout;
        this.journalInterval = b.journalInterval;
    }

    /** A builder with every option at its default. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Options from system properties ({@code sessionhealth.<key>}) and environment variables
     * ({@code SESSIONHEALTH_<KEY>}, and {@code SENTRY_DSN}, {@code SENTRY_RELEASE}, {@code
     * SENTRY_ENVIRONMENT}) only, the former winning; the rest at their defaults.
     *
     * @throws IllegalArgumentException listing every value that is not valid, with key, value and source
     */
    public static SessionOptions fromEnvironment() {
        return builder().applyEnvironment().build();
    }

    /** Whether tracking is on at all (default {@code true}); off, the manager does nothing. */
    public boolean enabled() {
        return enabled;
    }

    /** Where to send, or {@code null} (the default): without a DSN (or a transport) nothing is tracked. */
    public String dsn() {
        return dsn;
    }

    /**
     * The release sessions belong to, or {@code null} (the default) when none was configured: the
     * manager then takes it from the main class's jar manifest, and tracks nothing if there is none.
     */
    public String release() {
        return release;
    }

    /** The environment (default {@code production}), or {@code null} to send none (the ingest assumes {@code production}). */
    public String environment() {
        return environment;
    }

    /** Whether the raw user id, IP address and user agent may be sent (default {@code false}). */
    public boolean sendDefaultPii() {
        return sendDefaultPii;
    }

    /** The salt of the hashed {@code did}, or {@code null} (the default) for the DSN's public key. */
    public String didSalt() {
        return didSalt;
    }

    /** The inactivity after which a session ends {@code exited} (default 30 minutes). */
    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    /** The longest a session lasts before the next request starts a new one (default 24 hours, at most 4 days). */
    public Duration maxSessionDuration() {
        return maxSessionDuration;
    }

    /** How many session updates may wait for the sender (default 10,000); beyond it they are dropped and counted. */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** How long updates are batched before they are sent (default 5 seconds). */
    public Duration flushInterval() {
        return flushInterval;
    }

    /** How long closing the manager may take to deliver what is left (default 5 seconds). */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** The connect and response timeout of one request to the ingest (default 10 seconds). */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Whether an unhandled error ends a session {@code unhandled} rather than {@code crashed} (default {@code false}). */
    public boolean reportUnhandled() {
        return reportUnhandled;
    }

    /** Whether envelopes are sent gzip-compressed (default {@code true}). */
    public boolean compress() {
        return compress;
    }

    /**
     * Whether open sessions are journaled to disk (for {@code abnormal} after a crash) and undelivered
     * data kept there (default {@code true}).
     */
    public boolean persistence() {
        return persistence;
    }

    /**
     * Where this instance keeps its journal and outbox, or {@code null} (the default) for
     * {@code ${java.io.tmpdir}/sessionhealth/<instance>-<hash of DSN and instance>}.
     */
    public String stateDirectory() {
        return stateDirectory;
    }

    /**
     * Names this application instance, so two applications on one machine keep separate state (default
     * {@code default}; the web integrations use the context path).
     */
    public String instance() {
        return instance;
    }

    /**
     * The journal's commit window (default 100 ms): starts, updates, ends and activity recorded in
     * this window are written to the state directory together, before any of them is sent. A process
     * killed with -9 loses at most this window (a busy session's activity is journaled at most once
     * per fixed 10-second window, whatever this option, so its {@code abnormal} end may be timed up to 10 seconds before its last request).
     */
    public Duration journalInterval() {
        return journalInterval;
    }

    /**
     * Where the open user sessions live: {@code memory} (the default: this process) or {@code jcache}
     * (a JCache cache shared by every node, from the {@code sessionhealth-jcache} module).
     */
    public String store() {
        return store;
    }

    /** The JCache cache's name with {@code store=jcache} (default {@code sessionhealth}). */
    public String storeCache() {
        return storeCache;
    }

    /** The JCache caching provider's class with {@code store=jcache}, or {@code null} for the only one present. */
    public String storeProvider() {
        return storeProvider;
    }

    /** The URI of the caching provider's configuration with {@code store=jcache}, or {@code null} for its default. */
    public String storeConfig() {
        return storeConfig;
    }

    /** How often at most a node writes a session's last activity to the shared store (default one minute). */
    public Duration storeHeartbeat() {
        return storeHeartbeat;
    }

    /** How long a request waits at most for the shared store before the node tracks on its own (default 2 s). */
    public Duration storeTimeout() {
        return storeTimeout;
    }

    /** A builder holding these values, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.enabled = enabled;
        b.dsn = dsn;
        b.release = release;
        b.environment = environment;
        b.sendDefaultPii = sendDefaultPii;
        b.didSalt = didSalt;
        b.sessionTimeout = sessionTimeout;
        b.maxSessionDuration = maxSessionDuration;
        b.queueCapacity = queueCapacity;
        b.flushInterval = flushInterval;
        b.shutdownTimeout = shutdownTimeout;
        b.requestTimeout = requestTimeout;
        b.reportUnhandled = reportUnhandled;
        b.compress = compress;
        b.persistence = persistence;
        b.stateDirectory = stateDirectory;
        b.instance = instance;
        b.journalInterval = journalInterval;
        b.store = store;
        b.storeCache = storeCache;
        b.storeProvider = storeProvider;
        b.storeConfig = storeConfig;
        b.storeHeartbeat = storeHeartbeat;
        b.storeTimeout = storeTimeout;
        return b;
    }

    /** The main values, for logs; never the DSN or the salt. */
    @Override
    public String toString() {
        // never the DSN's key
        return "SessionOptions[enabled=" + enabled + ", release=" + release + ", environment="
                + environment + ", sessionTimeout=" + sessionTimeout + ", maxSessionDuration="
                + maxSessionDuration + ", queueCapacity=" + queueCapacity + "]";
    }

    /**
     * Collects options and validates them in {@link #build()}. Setters taking a {@link Duration} reject
     * {@code null} at once; setters taking a string treat {@code null} and blank as not set. Every other
     * check happens in {@link #build()}, which names the bad value.
     */
    public static final class Builder {
        private boolean enabled = true;
        private String dsn;
        private String release;
        private String environment = "production";
        private boolean sendDefaultPii;
        private String didSalt;
        private Duration sessionTimeout = Duration.ofMinutes(30);
        private Duration maxSessionDuration = Duration.ofHours(24);
        private int queueCapacity = 10_000;
        private Duration flushInterval = Duration.ofSeconds(5);
        private Duration shutdownTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private boolean reportUnhandled;
        private boolean compress = true;
        private boolean persistence = true;
        private String stateDirectory;
        private String instance = "default";
        private Duration journalInterval = Duration.ofMillis(100);
        private String store = "memory";
        private String storeCache = "sessionhealth";
        private String storeProvider;
        private String storeConfig;
        private Duration storeHeartbeat = Duration.ofMinutes(1);
        private Duration storeTimeout = Duration.ofSeconds(2);

        private Builder() {
        }

        /** Turns all tracking on or off (default {@code true}); off, the manager built does nothing. */
        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        /**
         * Where to send: {@code {scheme}://{public_key}@{host}[:{port}]{path}/{project_id}} (default none;
         * without a DSN, or a transport given to the manager's builder, nothing is tracked). Checked by
         * {@link #build()}; its messages never show the key.
         */
        public Builder dsn(String value) {
            this.dsn = blankToNull(value);
            return this;
        }

        /**
         * The release sessions belong to (default none: the manager takes {@code
         * Implementation-Title@Implementation-Version} from the main class's jar manifest; the web
         * integrations look in the WAR's manifest first). Non-empty, at most 200 bytes, not {@code
         * latest} (in any case), {@code .} or {@code ..}, no {@code /}, {@code \} or control characters:
         * the ingest drops sessions with any other.
         */
        public Builder release(String value) {
            this.release = blankToNull(value);
            return this;
        }

        /**
         * The environment (default {@code production}; {@code null} or blank sends none, which the ingest
         * reads as {@code production}). At most 64 bytes, not {@code none} (in any case), {@code .} or {@code ..}, no
         * {@code /}, {@code \} or control characters.
         */
        public Builder environment(String value) {
            this.environment = blankToNull(value);
            return this;
        }

        /**
         * Whether personal data may be sent (default {@code false}): the raw user id as {@code did}, the
         * IP address and the user agent. Off, {@code did} is a salted hash and no IP address nor user
         * agent is kept.
         */
        public Builder sendDefaultPii(boolean value) {
            this.sendDefaultPii = value;
            return this;
        }

        /**
         * The salt of the hashed {@code did} (default the DSN's public key). Give every node of a cluster
         * the same one, so that one user has one {@code did}.
         */
        public Builder didSalt(String value) {
            this.didSalt = blankToNull(value);
            return this;
        }

        /** The inactivity after which a session ends {@code exited}; positive (default 30 minutes). */
        public Builder sessionTimeout(Duration value) {
            this.sessionTimeout = Objects.requireNonNull(value, "sessionTimeout");
            return this;
        }

        /**
         * The longest a session lasts: after it, the session ends and the next request starts a new one.
         * Positive and at most 4 days, since the ingest drops sessions older than 5 (default 24 hours).
         */
        public Builder maxSessionDuration(Duration value) {
            this.maxSessionDuration = Objects.requireNonNull(value, "maxSessionDuration");
            return this;
        }

        /**
         * How many session updates may wait for the sender, from 1 to 10,000,000 (default 10,000). Beyond
         * it updates are dropped and counted, never blocking the caller. Also bounds the ended sessions
         * the sender holds in memory while it cannot send.
         */
        public Builder queueCapacity(int value) {
            this.queueCapacity = value;
            return this;
        }

        /** How long updates are batched before they are sent; positive (default 5 seconds). */
        public Builder flushInterval(Duration value) {
            this.flushInterval = Objects.requireNonNull(value, "flushInterval");
            return this;
        }

        /** How long closing the manager may take to deliver what is left; zero or more (default 5 seconds). */
        public Builder shutdownTimeout(Duration value) {
            this.shutdownTimeout = Objects.requireNonNull(value, "shutdownTimeout");
            return this;
        }

        /** The connect and response timeout of one request to the ingest; positive (default 10 seconds). */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = Objects.requireNonNull(value, "requestTimeout");
            return this;
        }

        /**
         * Whether an unhandled error ends a session {@code unhandled} instead of {@code crashed} (default
         * {@code false}); only Sentry 25.9 and later know {@code unhandled}.
         */
        public Builder reportUnhandled(boolean value) {
            this.reportUnhandled = value;
            return this;
        }

        /** Whether envelopes are sent gzip-compressed (default {@code true}). */
        public Builder compress(boolean value) {
            this.compress = value;
            return this;
        }

        /**
         * Whether to keep the write-ahead session journal (every start and end survives a crash and is
         * delivered once; sessions open at a crash end {@code abnormal}) and an outbox for undelivered
         * aggregates (default {@code true}).
         */
        public Builder persistence(boolean value) {
            this.persistence = value;
            return this;
        }

        /**
         * Where the journal and the outbox live (default {@code
         * ${java.io.tmpdir}/sessionhealth/<instance>-<hash of DSN and instance>}). One directory per
         * application instance: it is locked while in use.
         */
        public Builder stateDirectory(String value) {
            this.stateDirectory = blankToNull(value);
            return this;
        }

        /**
         * Names the application instance in the default state directory, so two applications on one
         * machine never share one (default {@code default}; the web integrations set the context path).
         */
        public Builder instance(String value) {
            this.instance = blankToNull(value) == null ? "default" : value.trim();
            return this;
        }

        /**
         * Where the open user sessions live: {@code memory} (default), or {@code jcache} for a JCache
         * cache that several nodes share, so that a user has one session whichever node serves each
         * request (needs the {@code sessionhealth-jcache} module; checked when the manager is built).
         */
        public Builder store(String value) {
            this.store = blankToNull(value) == null ? "memory" : value.trim();
            return this;
        }

        /** The JCache cache's name with {@code store=jcache} (default {@code sessionhealth}). */
        public Builder storeCache(String value) {
            this.storeCache = blankToNull(value) == null ? "sessionhealth" : value.trim();
            return this;
        }

        /**
         * The class of the JCache caching provider with {@code store=jcache} (default: the only one on the
         * class path), for example {@code com.hazelcast.cache.HazelcastCachingProvider}.
         */
        public Builder storeProvider(String value) {
            this.storeProvider = blankToNull(value);
            return this;
        }

        /**
         * The URI the caching provider reads its configuration from with {@code store=jcache} (default:
         * the provider's own default), for example {@code classpath:hazelcast.xml} for Hazelcast.
         */
        public Builder storeConfig(String value) {
            this.storeConfig = blankToNull(value);
            return this;
        }

        /**
         * How often at most a node writes a session's last activity to the shared store. Shorter is more
         * precise (a session ends within one heartbeat of its timeout) and costs a write per active
         * session and node per heartbeat. Positive (default one minute).
         */
        public Builder storeHeartbeat(Duration value) {
            this.storeHeartbeat = Objects.requireNonNull(value, "storeHeartbeat");
            return this;
        }

        /**
         * How long a request waits at most for the shared store. A store that takes longer or fails
         * takes the node offline: it keeps the sessions it starts meanwhile to itself until the store
         * answers again. Positive (default 2 s).
         */
        public Builder storeTimeout(Duration value) {
            this.storeTimeout = Objects.requireNonNull(value, "storeTimeout");
            return this;
        }

        /**
         * The journal's commit window: what is recorded within it is written together, before any of it
         * is sent; a process killed with -9 loses at most this window. Positive (default 100 ms).
         */
        public Builder journalInterval(Duration value) {
            this.journalInterval = Objects.requireNonNull(value, "journalInterval");
            return this;
        }

        /**
         * Applies every core option that {@code lookup} knows, by its short key ({@code sessionTimeout}).
         *
         * @throws IllegalArgumentException listing every value that does not parse, with key and value
         */
        public Builder apply(Function<String, String> lookup) {
            return CoreOptions.applyTo(ConfigReader.read(List.of(ConfigSource.shortKeys("setting", lookup)),
                    new CoreOptions().options(), false), this);
        }

        /** Applies system properties ({@code sessionhealth.<key>}) and environment variables, the former winning. */
        public Builder applyEnvironment() {
            return CoreOptions.applyTo(ConfigReader.read(ConfigSources.process().list(),
                    new CoreOptions().options(), false), this);
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first bad value and the rule it breaks
         */
        public SessionOptions build() {
            if (dsn != null) {
                Dsn.parse(dsn); // throws with a message that names the problem, never the key
            }
            if (release != null) {
                IngestRules.checkRelease(release);
            }
            if (environment != null) {
                IngestRules.checkEnvironment(environment);
            }
            positive("sessionTimeout", sessionTimeout);
            positive("maxSessionDuration", maxSessionDuration);
            positive("flushInterval", flushInterval);
            positive("requestTimeout", requestTimeout);
            positive("journalInterval", journalInterval);
            if (shutdownTimeout.isNegative()) {
                throw new IllegalArgumentException("shutdownTimeout must not be negative: " + shutdownTimeout);
            }
            if (maxSessionDuration.compareTo(MAX_SESSION_DURATION_LIMIT) > 0) {
                throw new IllegalArgumentException("maxSessionDuration must be at most "
                        + MAX_SESSION_DURATION_LIMIT + " (the ingest drops sessions older than 5 days): "
                        + maxSessionDuration);
            }
            if (queueCapacity < 1 || queueCapacity > 10_000_000) {
                throw new IllegalArgumentException("queueCapacity must be between 1 and 10000000: " + queueCapacity);
            }
            if (!store.equals("memory") && !store.equals("jcache")) {
                throw new IllegalArgumentException("store must be memory or jcache: " + store);
            }
            if (storeHeartbeat.isZero() || storeHeartbeat.isNegative()) {
                throw new IllegalArgumentException("storeHeartbeat must be positive: " + storeHeartbeat);
            }
            if (storeTimeout.isZero() || storeTimeout.isNegative()) {
                throw new IllegalArgumentException("storeTimeout must be positive: " + storeTimeout);
            }
            return new SessionOptions(this);
        }

        private static void positive(String name, Duration value) {
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}
