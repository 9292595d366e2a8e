package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.internal.TrackingMode;
import dev.sessionhealth.ConfigKey;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.internal.ConfigValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Where the filter's options come from, highest precedence first: system property
 * ({@code sessionhealth.<key>}), environment variable ({@code SESSIONHEALTH_<KEY>}, or the Sentry
 * name for dsn/release/environment), filter init-param ({@code <key>}), context-param
 * ({@code sessionhealth.<key>}), then the default. Every value is parsed here once; a bad one fails
 * with the key and the value in the message.
 */
public final class FilterSettings {

    public static final String PREFIX = "sessionhealth.";

    static final String DEFAULT_EXCLUDED_PATHS = "/health/*,/healthz,/ready/*,/readyz,/readiness/*,/live/*,/livez,"
            + "/liveness/*,/ping,/metrics/*,/actuator/*,/q/health/*,/q/metrics/*,/favicon.ico,/robots.txt";
    static final String DEFAULT_EXCLUDED_AGENTS = "kube-probe,ELB-HealthChecker,GoogleHC,Google-Cloud-Scheduler,"
            + "Pingdom,UptimeRobot,StatusCake,Site24x7,Better Uptime,Datadog/Synthetics,NewRelicPinger,"
            + "Consul Health Check,Blackbox Exporter,Prometheus,Zabbix,nagios,check_http,Googlebot,bingbot,"
            + "Slurp,DuckDuckBot,Baiduspider,YandexBot,AhrefsBot,SemrushBot,MJ12bot,Applebot,GPTBot,"
            + "facebookexternalhit";

    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;
    private final Function<String, String> initParams;
    private final Function<String, String> contextParams;

    /**
     * @param initParams filter init-params by short key (absent for the initializer)
     * @param contextParams context-params by full name ({@code sessionhealth.<key>})
     */
    public FilterSettings(Function<String, String> systemProperties, Function<String, String> environment,
            Function<String, String> initParams, Function<String, String> contextParams) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.initParams = initParams;
        this.contextParams = contextParams;
    }

    /** Settings from the real system properties and environment. */
    public static FilterSettings of(Function<String, String> initParams, Function<String, String> contextParams) {
        return new FilterSettings(System::getProperty, System::getenv, initParams, contextParams);
    }

    /** The value of a short key from the first source that has one, trimmed, or {@code null}. */
    public String value(String key) {
        String v = nonBlank(systemProperties.apply(PREFIX + key));
        if (v == null) {
            v = nonBlank(environment.apply(ConfigValues.environmentName(key)));
        }
        if (v == null) {
            v = nonBlank(sentryEnvironment(key));
        }
        if (v == null) {
            v = nonBlank(initParams.apply(key));
        }
        if (v == null) {
            v = nonBlank(contextParams.apply(PREFIX + key));
        }
        return v;
    }

    /** Core options (dsn, release, sessionTimeout, ...) from the same sources. */
    public SessionOptions.Builder sessionOptions() {
        return SessionOptions.builder().apply(this::value);
    }

    public TrackingMode mode() {
        String v = value("mode");
        return v == null ? TrackingMode.COOKIE : TrackingMode.parse("mode", v);
    }

    public String cookieName() {
        String v = value("cookieName");
        if (v == null) {
            return "sessionhealth";
        }
        for (char c : v.toCharArray()) {
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("cookieName must be a cookie token: '" + v + "'");
            }
        }
        return v;
    }

    /** The configured HMAC key, or {@code null} to generate one per start. Never logged. */
    public String cookieKey() {
        String v = value("cookieKey");
        if (v != null && v.length() < 16) {
            // the value is a secret: name its length only
            throw new IllegalArgumentException("cookieKey must have at least 16 characters (it has " + v.length() + ")");
        }
        return v;
    }

    public List<String> excludePaths() {
        List<String> paths = list("excludePaths", DEFAULT_EXCLUDED_PATHS);
        for (String p : paths) {
            if (!p.startsWith("/")) {
                throw new IllegalArgumentException("excludePaths entries must start with '/': '" + p + "'");
            }
        }
        return paths;
    }

    public List<String> excludeUserAgents() {
        return list("excludeUserAgents", DEFAULT_EXCLUDED_AGENTS);
    }

    public List<String> excludeMethods() {
        return list("excludeMethods", "OPTIONS,HEAD");
    }

    public boolean serverErrorsAsErrors() {
        return bool("serverErrorsAsErrors", true);
    }

    public boolean autoRegister() {
        return bool("autoRegister", true);
    }

    private boolean bool(String key, boolean defaultValue) {
        String v = value(key);
        return v == null ? defaultValue : ConfigValues.bool(key, v);
    }

    /** A comma-separated list; an explicitly empty value ("-" or ",") clears the defaults. */
    private List<String> list(String key, String defaults) {
        String v = value(key);
        String raw = v == null ? defaults : v;
        List<String> out = new ArrayList<>();
        for (String s : Arrays.asList(raw.split(","))) {
            String t = s.trim();
            if (!t.isEmpty() && !t.equals("-")) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    private String sentryEnvironment(String key) {
        for (ConfigKey k : ConfigKey.values()) {
            if (k.key().equals(key) && k.sentryEnvironmentVariable() != null) {
                return environment.apply(k.sentryEnvironmentVariable());
            }
        }
        return null;
    }

    private static String nonBlank(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
