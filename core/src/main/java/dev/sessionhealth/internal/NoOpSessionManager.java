package dev.sessionhealth.internal;

import dev.sessionhealth.Session;
import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionStats;
import dev.sessionhealth.SessionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What the builder returns when tracking is off or cannot work (no DSN, no release): does nothing. */
public final class NoOpSessionManager implements SessionManager {

    private static final Map<SessionStatus, Long> NOTHING_ENDED =
            Map.of(SessionStatus.EXITED, 0L, SessionStatus.CRASHED, 0L, SessionStatus.ABNORMAL, 0L);

    private final String release;
    private final String environment;

    public NoOpSessionManager(String release, String environment) {
        this.release = release;
        this.environment = environment;
    }

    @Override
    public Session startSession(SessionContext context) {
        Instant now = Instant.now();
        return new Session(UUID.randomUUID().toString().replace("-", ""), null, false, now.toEpochMilli(), now, now,
                Duration.ZERO, SessionStatus.OK, 0, release, environment, null, null,
                context == null ? null : context.user(), context == null ? Map.of() : context.tags());
    }

    @Override
    public void endSession() {
    }

    @Override
    public void captureSession(boolean end) {
    }

    @Override
    public Optional<Session> currentSession() {
        return Optional.empty();
    }

    @Override
    public void recordError(boolean handled) {
    }

    @Override
    public SessionStats stats() {
        return new SessionStats(0, 0, 0, 0, Map.of(), 0, 0, 0, 0, NOTHING_ENDED, 0, 0, 0,
                SessionStats.Delivery.DISABLED);
    }

    @Override
    public boolean isEnabled() {
        return false;
    }

    @Override
    public boolean flush(Duration timeout) {
        return true;
    }

    @Override
    public void close() {
    }
}
