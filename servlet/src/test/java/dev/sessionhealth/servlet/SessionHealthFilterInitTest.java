package dev.sessionhealth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.SessionManager;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.Test;

/** Filter start-up against a real (Jetty) servlet context, without serving requests. */
class SessionHealthFilterInitTest {

    private final ServletContext context = new ServletContextHandler("/shop").getServletContext();

    private FilterConfig config(Map<String, String> params) {
        return FilterConfigs.of(context, params);
    }

    @Test
    void aFilterWhoseSetupFailedPassesEveryRequestThroughAndItsDestroyDoesNotThrow() throws Exception {
        SessionHealthFilter filter = new SessionHealthFilter();
        filter.init(config(Map.of("mode", "sometimes"))); // a container initializing it on a first request
        assertNull(context.getAttribute(SessionHealthFilter.MANAGER_ATTRIBUTE), "no manager left behind");
        AtomicInteger passed = new AtomicInteger();
        FilterChain chain = (request, response) -> passed.incrementAndGet();
        filter.doFilter(null, null, chain);
        filter.doFilter(null, null, chain);
        assertEquals(2, passed.get(), "untouched, to the rest of the chain");
        filter.destroy();
        filter.destroy();
    }

    @Test
    void destroyWithoutInitDoesNotThrow() {
        new SessionHealthFilter().destroy();
    }

    @Test
    void initializerIsAnnouncedAsAServiceForContainersToFind() {
        assertTrue(java.util.ServiceLoader.load(jakarta.servlet.ServletContainerInitializer.class).stream()
                .anyMatch(p -> p.type() == SessionHealthInitializer.class));
    }

    @Test
    void disabledTrackingStoresADisabledManagerAndRemovesItOnDestroy() throws ServletException {
        SessionHealthFilter filter = new SessionHealthFilter();
        filter.init(config(Map.of("enabled", "false")));
        SessionManager m = (SessionManager) context.getAttribute(SessionHealthFilter.MANAGER_ATTRIBUTE);
        assertFalse(m.isEnabled());
        filter.destroy();
        assertNull(context.getAttribute(SessionHealthFilter.MANAGER_ATTRIBUTE));
    }
}
