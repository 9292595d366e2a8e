package dev.sessionhealth.spring;

import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionStats;
import java.util.Locale;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator health of the delivery, as {@code sessionhealth}: always {@code UP} (an ingest that is down
 * or rate-limiting must never take the application out of its load balancer; nothing is lost meanwhile),
 * with the delivery state ({@code delivering}, {@code backing_off}, {@code rate_limited},
 * {@code disabled}) and what waits in memory and on disk as details.
 */
final class SessionHealthIndicator implements HealthIndicator {

    private final SessionManager manager;

    SessionHealthIndicator(SessionManager manager) {
        this.manager = manager;
    }

    @Override
    public Health health() {
        SessionStats stats = manager.stats();
        return Health.up()
                .withDetail("delivery", stats.delivery().name().toLowerCase(Locale.ROOT))
                .withDetail("openSessions", stats.open())
                .withDetail("queued", stats.pending())
                .withDetail("stored", stats.stored())
                .withDetail("sent", stats.sent())
                .withDetail("dropped", stats.discardedTotal())
                .build();
    }
}
