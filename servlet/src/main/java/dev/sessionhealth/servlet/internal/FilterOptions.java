package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.internal.config.ConfigOption;
import dev.sessionhealth.internal.config.OptionCatalog;
import dev.sessionhealth.internal.config.Parsers;
import java.util.List;

/**
 * The servlet filter's own keys (core's and the shared {@code mode}, {@code cookieName} and
 * {@code cookieKey} are in core's catalog). Registered in {@code META-INF/services}, so every reader
 * knows them.
 */
public final class FilterOptions implements OptionCatalog {

    static final String DEFAULT_EXCLUDED_PATHS = "/health/*,/healthz,/ready/*,/readyz,/readiness/*,/live/*,/livez,"
            + "/liveness/*,/ping,/metrics/*,/actuator/*,/q/health/*,/q/metrics/*,/favicon.ico,/robots.txt";
    static final String DEFAULT_EXCLUDED_AGENTS = "kube-probe,ELB-HealthChecker,GoogleHC,Google-Cloud-Scheduler,"
            + "Pingdom,UptimeRobot,StatusCake,Site24x7,Better Uptime,Datadog/Synthetics,NewRelicPinger,"
            + "Consul Health Check,Blackbox Exporter,Prometheus,Zabbix,nagios,check_http,Googlebot,bingbot,"
            + "Slurp,DuckDuckBot,Baiduspider,YandexBot,AhrefsBot,SemrushBot,MJ12bot,Applebot,GPTBot,"
            + "facebookexternalhit";

    public static final ConfigOption<List<String>> EXCLUDE_PATHS = ConfigOption.of("excludePaths",
            Parsers.list(DEFAULT_EXCLUDED_PATHS), FilterOptions::paths);
    public static final ConfigOption<List<String>> EXCLUDE_USER_AGENTS = ConfigOption.of("excludeUserAgents",
            Parsers.list(DEFAULT_EXCLUDED_AGENTS), Parsers::list);
    public static final ConfigOption<List<String>> EXCLUDE_METHODS = ConfigOption.of("excludeMethods",
            List.of("OPTIONS", "HEAD"), Parsers::list);
    static final ConfigOption<Boolean> SERVER_ERRORS_AS_ERRORS = ConfigOption.of("serverErrorsAsErrors", true,
            Parsers::bool);
    /** Whether the initializer registers the filter (not a filter init-param: it is read before any filter). */
    public static final ConfigOption<Boolean> AUTO_REGISTER = ConfigOption.of("autoRegister", true, Parsers::bool);

    private static final List<ConfigOption<?>> ALL = List.of(EXCLUDE_PATHS, EXCLUDE_USER_AGENTS, EXCLUDE_METHODS,
            SERVER_ERRORS_AS_ERRORS, AUTO_REGISTER);

    @Override
    public List<ConfigOption<?>> options() {
        return ALL;
    }

    private static List<String> paths(String value) {
        List<String> paths = Parsers.list(value);
        for (String p : paths) {
            if (!p.startsWith("/")) {
                throw new IllegalArgumentException("every entry must start with '/' ('" + p + "' does not)");
            }
        }
        return paths;
    }
}
