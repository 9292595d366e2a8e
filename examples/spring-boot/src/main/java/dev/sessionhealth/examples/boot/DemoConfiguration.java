package dev.sessionhealth.examples.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.examples.dashboard.DashboardServlet;
import dev.sessionhealth.examples.dashboard.DemoInfo;
import dev.sessionhealth.examples.dashboard.LibraryStats;
import dev.sessionhealth.examples.dashboard.StatsJson;
import dev.sessionhealth.examples.receiver.EnvelopeIngest;
import dev.sessionhealth.examples.receiver.EnvelopeServlet;
import dev.sessionhealth.examples.receiver.ReleaseHealthBoard;
import dev.sessionhealth.examples.simulator.TrafficSimulator;
import dev.sessionhealth.internal.wire.Dsn;
import dev.sessionhealth.spring.SessionHealthSettings;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the demo adds next to the shop, as in the Jetty demo's {@code DemoServer}: the embedded
 * receiver at {@code /api/{project}/envelope/}, the dashboard at {@code /dashboard/} and its traffic
 * simulator. Both paths are excluded from tracking ({@code sessionhealth.exclude-paths}).
 */
@Configuration(proxyBeanMethods = false)
class DemoConfiguration {

    /** Jackson 2, as the receiver and the dashboard use it; not a bean, so Boot's JSON stays its own. */
    private final ObjectMapper json = StatsJson.mapper();

    @Bean
    ReleaseHealthBoard releaseHealthBoard() {
        return new ReleaseHealthBoard(InstantSource.system(), 60, 30);
    }

    /** The shop's root, for the simulator and the dashboard's link ({@link FreePort} made the port known). */
    @Bean
    DemoInfo demoInfo(SessionHealthSettings settings, @Value("${server.address:127.0.0.1}") String address,
            @Value("${server.port}") int port) {
        String host = address.equals("0.0.0.0") || address.isBlank() ? "localhost" : address;
        String dsn = settings.sessionOptions().dsn();
        String target = dsn == null ? "nowhere (no DSN)" : Dsn.parse(dsn).envelopeUri().toString();
        boolean embedded = target.equals("http://127.0.0.1:" + port + "/api/1/envelope/");
        return new DemoInfo(settings.release(), settings.environment(), "http://" + host + ":" + port + "/", target,
                embedded);
    }

    @Bean
    TrafficSimulator trafficSimulator(DemoInfo info, @Value("${demo.users:200}") int users,
            @Value("${demo.think:400ms}") Duration think) {
        return new TrafficSimulator(URI.create(info.shopUrl()), users, 16, think);
    }

    @Bean
    ServletRegistrationBean<EnvelopeServlet> embeddedReceiver(ReleaseHealthBoard board) {
        ServletRegistrationBean<EnvelopeServlet> r =
                new ServletRegistrationBean<>(new EnvelopeServlet(new EnvelopeIngest(board, json)), "/api/*");
        r.setName("embeddedReceiver");
        return r;
    }

    @Bean
    ServletRegistrationBean<DashboardServlet> dashboard(ReleaseHealthBoard board, SessionManager sessions,
            TrafficSimulator simulator, DemoInfo info) {
        ServletRegistrationBean<DashboardServlet> r = new ServletRegistrationBean<>(
                new DashboardServlet(board, () -> LibraryStats.of(sessions.stats()), json, simulator, info), "/dashboard/*");
        r.setName("dashboard");
        return r;
    }

    /** Ends the open sessions while this server still receives them (see {@link EmbeddedReceiverShutdown}). */
    @Bean
    EmbeddedReceiverShutdown embeddedReceiverShutdown(SessionManager sessions, DemoInfo info) {
        return new EmbeddedReceiverShutdown(sessions, info.embeddedReceiver());
    }
}
