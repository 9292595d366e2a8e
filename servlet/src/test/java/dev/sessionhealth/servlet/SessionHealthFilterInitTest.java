package dev.sessionhealth.servlet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.SessionManager;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.Test;

/** Filter start-up against a real (Jetty) servlet context, without serving requests. */
class SessionHealthFilterInitTest {

    private final ServletContext context = new ServletContextHandler("/shop").getServletContext();

    private FilterConfig config(Map<String, String> params) {
        return FilterConfigs.of(context, params);
    }

    @Test
    void invalidInitParamFailsInitWithTheKeyAndValue() {
        SessionHealthFilter filter = new SessionHealthFilter();
        ServletException e = assertThrows(ServletException.class,
                () -> filter.init(config(Map.of("mode", "sometimes"))));
        assertTrue(e.getMessage().contains("mode") && e.getMessage().contains("sometimes"), e.getMessage());
        assertNull(context.getAttribute(SessionHealthFilter.MANAGER_ATTRIBUTE), "no manager left behind");
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
