package dev.sessionhealth.servlet.bench;

import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.Transport;
import dev.sessionhealth.servlet.FilterConfigs;
import dev.sessionhealth.servlet.SessionHealthFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The filter's cost per request against a pass-through filter, with a no-op chain, for a returning
 * visitor (valid cookie) in cookie mode and for request mode. Run it as the module README says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FilterCostBenchmark {

    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    @Param({"cookie", "request"})
    public String mode;

    private SessionManager manager;
    private Filter filter;
    private final Filter passThrough = (req, res, chain) -> chain.doFilter(req, res);
    private Cookie[] cookies;

    @Setup(Level.Trial)
    public void setUp() throws ServletException, IOException {
        Transport discard = envelope -> new Transport.Response(200, null, null);
        manager = SessionManager.builder(SessionOptions.builder().release("bench@1").build()).transport(discard).build();
        ServletContext context = new ServletContextHandler("/shop").getServletContext();
        context.setAttribute(SessionHealthFilter.MANAGER_ATTRIBUTE, manager);
        filter = new SessionHealthFilter();
        filter.init(FilterConfigs.of(context, Map.of("mode", mode, "cookieKey", "benchmark key of some length")));
        HttpServletResponse first = BenchRequests.response();
        filter.doFilter(BenchRequests.request(null, UA), first, (q, s) -> { });
        cookies = BenchRequests.cookiesSetBy(first); // null in request mode: no cookie there
        HttpServletResponse second = BenchRequests.response();
        filter.doFilter(BenchRequests.request(cookies, UA), second, (q, s) -> { });
        if (BenchRequests.setsCookie(second)) {
            throw new IllegalStateException("the filter did not recognise the returning visitor's cookie");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        filter.destroy();
        manager.close();
    }

    @Benchmark
    public void passThroughFilter(Blackhole bh) throws IOException, ServletException {
        var req = BenchRequests.request(cookies, UA);
        passThrough.doFilter(req, BenchRequests.response(), (q, s) -> bh.consume(q));
    }

    @Benchmark
    public void sessionHealthFilter(Blackhole bh) throws IOException, ServletException {
        var req = BenchRequests.request(cookies, UA);
        filter.doFilter(req, BenchRequests.response(), (q, s) -> bh.consume(q));
    }
}
