package dev.sessionhealth;

import dev.sessionhealth.internal.Dsn;
import dev.sessionhealth.internal.IngestRules;
import dev.sessionhealth.internal.config.ConfigReader;
import dev.sessionhealth.internal.config.ConfigSource;
import dev.sessionhealth.internal.config.ConfigSources;
import dev.sessionhealth.internal.config.CoreOptions;
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
        this.journalInterval = b.journalInterval;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options from system properties and environment variables only (the former win). */
    public static SessionOptions fromEnvironment() {
        return builder().applyEnvironment().build();
    }

    /** Whether tracking is on at all. */
    public boolean enabled() {
        return enabled;
    }

    /** Where to send, or {@code null}: without a DSN nothing is tracked. */
    public String dsn() {
        return dsn;
    }

    /** The release, or {@code null} when none was configured nor found in a manifest. */
    public String release() {
        return release;
    }

    public String environment() {
        return environment;
    }

    /** Whether the raw user id, IP address and user agent may be sent. */
    public boolean sendDefaultPii() {
        return sendDefaultPii;
    }

    /** The salt of the hashed {@code did}, or {@code null} to derive one from the DSN. */
    public String didSalt() {
        return didSalt;
    }

    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    public Duration maxSessionDuration() {
        return maxSessionDuration;
    }

    public int queueCapacity() {
        return queueCapacity;
    }

    public Duration flushInterval() {
        return flushInterval;
    }

    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public boolean reportUnhandled() {
        return reportUnhandled;
    }

    public boolean compress() {
        return compress;
    }

    /** Whether open sessions are journaled to disk (for {@code abnormal} after a crash) and undelivered data kept. */
    public boolean persistence() {
        return persistence;
    }

    /** Where this instance keeps its journal and outbox, or {@code null} for the default under {@code java.io.tmpdir}. */
    public String stateDirectory() {
        return stateDirectory;
    }

    /** Names this application instance, so two applications on one machine keep separate state. */
    public String instance() {
        return instance;
    }

    /**
     * The journal's commit window (default 100 ms): starts, updates, ends and activity recorded in
     * this window are written to the state directory together, before any of them is sent. A process
     * killed with -9 loses at most this window.
     */
    public Duration journalInterval() {
        return journalInterval;
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
        return b;
    }

    @Override
    public String toString() {
        // never the DSN's key
        return "SessionOptions[enabled=" + enabled + ", release=" + release + ", environment="
                + environment + ", sessionTimeout=" + sessionTimeout + ", maxSessionDuration="
                + maxSessionDuration + ", queueCapacity=" + queueCapacity + "]";
    }

    /** Collects and validates options. */
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

        private Builder() {
        }

        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        public Builder dsn(String value) {
            this.dsn = blankToNull(value);
            return this;
        }

        public Builder release(String value) {
            this.release = blankToNull(value);
            return this;
        }

        public Builder environment(String value) {
            this.environment = blankToNull(value);
            return this;
        }

        public Builder sendDefaultPii(boolean value) {
            this.sendDefaultPii = value;
            return this;
        }

        public Builder didSalt(String value) {
            this.didSalt = blankToNull(value);
            return this;
        }

        public Builder sessionTimeout(Duration value) {
            this.sessionTimeout = Objects.requireNonNull(value, "sessionTimeout");
            return this;
        }

        public Builder maxSessionDuration(Duration value) {
            this.maxSessionDuration = Objects.requireNonNull(value, "maxSessionDuration");
            return this;
        }

        public Builder queueCapacity(int value) {
            this.queueCapacity = value;
            return this;
        }

        public Builder flushInterval(Duration value) {
            this.flushInterval = Objects.requireNonNull(value, "flushInterval");
            return this;
        }

        public Builder shutdownTimeout(Duration value) {
            this.shutdownTimeout = Objects.requireNonNull(value, "shutdownTimeout");
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = Objects.requireNonNull(value, "requestTimeout");
            return this;
        }

        public Builder reportUnhandled(boolean value) {
            this.reportUnhandled = value;
            return this;
        }

        public Builder compress(boolean value) {
            this.compress = value;
            return this;
        }

        public Builder persistence(boolean value) {
            this.persistence = value;
            return this;
        }

        public Builder stateDirectory(String value) {
            this.stateDirectory = blankToNull(value);
            return this;
        }

        public Builder instance(String value) {
            this.instance = blankToNull(value) == null ? "default" : value.trim();
            return this;
        }

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

        /** Validates and builds; throws {@link IllegalArgumentException} naming the bad value. */
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
