package dev.sessionhealth.containers.app.interim;

import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * INTERIM, until the servlet module lands: creates the manager from the environment and closes it
 * when the application stops.
 */
@WebListener
public final class InterimTracking implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionManager manager = SessionManager.create(SessionOptions.fromEnvironment());
        event.getServletContext().setAttribute(SessionManager.class.getName(), manager);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Object manager = event.getServletContext().getAttribute(SessionManager.class.getName());
        if (manager instanceof SessionManager m) {
            m.close();
        }
    }
}
