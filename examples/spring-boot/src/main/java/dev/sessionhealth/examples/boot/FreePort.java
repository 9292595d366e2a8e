package dev.sessionhealth.examples.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code server.port=0} into a free port before the application starts. The default DSN
 * ({@code application.properties}) and the simulator need the port when their beans are made, and
 * Boot's server only binds after that. The port could be taken in between (unlikely on loopback);
 * Boot then fails with its "port already in use" report.
 */
final class FreePort implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        if (environment.getProperty("server.port", Integer.class, 8080) != 0) {
            return;
        }
        String address = environment.getProperty("server.address");
        try (ServerSocket socket = new ServerSocket(0, 1, address == null ? null : InetAddress.getByName(address))) {
            environment.getPropertySources().addFirst(
                    new MapPropertySource("demo-free-port", Map.of("server.port", socket.getLocalPort())));
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + address, e);
        }
    }
}
