package dev.sessionhealth.spring;

import dev.sessionhealth.SessionManager;
import org.springframework.context.ApplicationListener;
import org.springframework.security.authentication.event.LogoutSuccessEvent;

/**
 * A Spring Security logout ends the request's session {@code exited}; the user's next request
 * starts an anonymous one. Spring Security publishes the event on the request's thread, where
 * {@code SessionHealthFilter} has bound the session.
 */
final class SecurityLogouts implements ApplicationListener<LogoutSuccessEvent> {

    private final SessionManager manager;

    SecurityLogouts(SessionManager manager) {
        this.manager = manager;
    }

    @Override
    public void onApplicationEvent(LogoutSuccessEvent event) {
        manager.endSession();
    }
}
