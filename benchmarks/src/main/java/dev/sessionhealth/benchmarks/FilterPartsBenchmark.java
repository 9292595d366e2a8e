package dev.sessionhealth.benchmarks;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.RequestSessions;
import dev.sessionhealth.internal.cookie.CookieKey;
import dev.sessionhealth.internal.cookie.CookieSigner;
import dev.sessionhealth.servlet.internal.CookieSessionResolver;
import dev.sessionhealth.servlet.internal.FilterOptions;
import dev.sessionhealth.servlet.internal.RequestExclusions;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The filter's own per-request steps outside the tracker, each alone, to see where a request's cost
 * goes: checking the signed cookie (HMAC-SHA256) of a new session, accepting the cookie of an open
 * one (decode, registry lookup, no HMAC), and the exclusion rules (default paths, methods and
 * probe/bot user agents) for a browser's request. Run it with the classes of an older commit first on
 * the class path to compare (docs/PERFORMANCE.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class FilterPartsBenchmark {

    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";

    private CookieSigner signer;
    private String cookie;
    private RequestExclusions exclusions;
    private SessionManager manager;
    private CookieSessionResolver resolver;

    @Setup
    public void setUp() {
        signer = CookieSigner.withKey("load-test-cookie-key-0123456789");
        cookie = signer.issue().value();
        manager = SessionManager.builder(SessionOptions.builder().dsn("http://key@127.0.0.1:9/1").release("bench@1.0")
                .persistence(false).build()).transport(new DiscardingTransport()).build();
        DefaultSessionManager m = (DefaultSessionManager) manager;
        resolver = new CookieSessionResolver(RequestSessions.of(m, "benchmark"), signer, "sessionhealth", false);
        m.registry().touch(CookieKey.parse(cookie), SessionContext.EMPTY, null, null);
        exclusions = new RequestExclusions(FilterOptions.EXCLUDE_PATHS.defaultValue(),
                FilterOptions.EXCLUDE_USER_AGENTS.defaultValue(), FilterOptions.EXCLUDE_METHODS.defaultValue());
    }

    @TearDown
    public void tearDown() {
        manager.close();
    }

    /** The HMAC check: once per new session (a cookie the registry does not hold). */
    @Benchmark
    public String verifyCookie() {
        return signer.verify(cookie);
    }

    /** Every later request of an open session: the cookie decoded, its key found in the registry. */
    @Benchmark
    public CookieKey checkKnownCookie() {
        return resolver.check(cookie);
    }

    /** The same user-agent string each time, as when the container's header cache hands out one instance. */
    @Benchmark
    public boolean exclusionsForBrowser() {
        return exclusions.excludes("GET", "/app/hello", BROWSER);
    }

    /** A fresh copy of the user-agent string each time, as a container without a header cache gives (copy included). */
    @Benchmark
    public boolean exclusionsForBrowserFreshString() {
        return exclusions.excludes("GET", "/app/hello", new String(BROWSER));
    }
}
