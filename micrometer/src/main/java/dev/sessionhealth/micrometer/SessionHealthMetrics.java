package dev.sessionhealth.micrometer;

import dev.sessionhealth.DiscardReason;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionStats;
import dev.sessionhealth.SessionStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Binds a {@link SessionManager}'s counters ({@link SessionManager#stats()}) to a Micrometer registry:
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>extra tag</th><th>value</th></tr>
 * <tr><td>{@code sessionhealth.sessions.started}</td><td>function counter</td><td></td>
 *     <td>sessions started</td></tr>
 * <tr><td>{@code sessionhealth.sessions.ended}</td><td>function counter</td>
 *     <td>{@code status}: {@code exited}, {@code crashed}, {@code abnormal} (and {@code unhandled}
 *     when the manager reports unhandled errors as such)</td><td>sessions ended, by final status</td></tr>
 * <tr><td>{@code sessionhealth.errors}</td><td>function counter</td><td></td>
 *     <td>errors recorded in sessions, handled and unhandled</td></tr>
 * <tr><td>{@code sessionhealth.updates.sent}</td><td>function counter</td><td></td>
 *     <td>session updates the ingest accepted</td></tr>
 * <tr><td>{@code sessionhealth.updates.dropped}</td><td>function counter</td>
 *     <td>{@code reason}: each {@link DiscardReason}'s wire name ({@code queue_overflow}…)</td>
 *     <td>session updates not delivered</td></tr>
 * <tr><td>{@code sessionhealth.updates.unconfirmed}</td><td>function counter</td><td></td>
 *     <td>session updates sent without an answer (taken as delivered)</td></tr>
 * <tr><td>{@code sessionhealth.sessions.open}</td><td>gauge</td><td></td><td>sessions open now</td></tr>
 * <tr><td>{@code sessionhealth.queue.size}</td><td>gauge</td><td></td>
 *     <td>session updates waiting to be sent, in memory or on disk</td></tr>
 * <tr><td>{@code sessionhealth.stored}</td><td>gauge</td><td></td>
 *     <td>of those, the ones kept on disk</td></tr>
 * <tr><td>{@code sessionhealth.delivery.backoff}</td><td>gauge</td><td></td>
 *     <td>1 while the sender backs off or the ingest's rate limit holds, else 0</td></tr>
 * </table>
 *
 * <p>Every meter carries the tags given to the constructor (typically {@code release} and
 * {@code environment}) and nothing per user or per session. The meters read the stats once a second
 * at most, however many are read: one {@code stats()} call per scrape. They hold the manager
 * weakly, as Micrometer does: once it is gone they read {@code NaN}. Needs nothing but Micrometer
 * (no Spring): bind it from a CDI producer, a servlet listener or {@code main}.
 */
public final class SessionHealthMetrics implements MeterBinder {

    private static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final String UPDATES = "updates";

    private final SessionManager manager;
    private final Tags tags;
    private final StatsSnapshot snapshot;

    /** Meters of {@code manager} tagged with {@code tags}. */
    public SessionHealthMetrics(SessionManager manager, Iterable<Tag> tags) {
        this(manager, tags, System::nanoTime);
    }

    /**
     * Meters of {@code manager} tagged {@code release} and {@code environment}; a {@code null} value
     * leaves its tag out.
     */
    public SessionHealthMetrics(SessionManager manager, String release, String environment) {
        this(manager, releaseTags(release, environment));
    }

    /** @param nanoTime the ticker the stats' age is measured on ({@link System#nanoTime} but in tests) */
    SessionHealthMetrics(SessionManager manager, Iterable<Tag> tags, LongSupplier nanoTime) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
        this.snapshot = new StatsSnapshot(MAX_AGE_NANOS, nanoTime);
    }

    private static Tags releaseTags(String release, String environment) {
        Tags t = Tags.empty();
        if (release != null) {
            t = t.and("release", release);
        }
        return environment == null ? t : t.and("environment", environment);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "sessionhealth.sessions.started", "Sessions started", BaseUnits.SESSIONS, Tags.empty(),
                SessionStats::started);
        for (SessionStatus status : snapshot.of(manager).ended().keySet().stream().sorted().toList()) {
            counter(registry, "sessionhealth.sessions.ended", "Sessions ended, by final status", BaseUnits.SESSIONS,
                    Tags.of("status", status.wireName()), s -> s.ended().getOrDefault(status, 0L));
        }
        counter(registry, "sessionhealth.errors", "Errors recorded in sessions, handled and unhandled", null,
                Tags.empty(), SessionStats::errors);
        counter(registry, "sessionhealth.updates.sent", "Session updates the ingest accepted", UPDATES, Tags.empty(),
                SessionStats::sent);
        for (DiscardReason reason : DiscardReason.values()) {
            counter(registry, "sessionhealth.updates.dropped", "Session updates not delivered, by reason", UPDATES,
                    Tags.of("reason", reason.wireName()), s -> s.discarded().getOrDefault(reason, 0L));
        }
        counter(registry, "sessionhealth.updates.unconfirmed",
                "Session updates sent without an answer, taken as delivered", UPDATES, Tags.empty(),
                SessionStats::unconfirmed);
        gauge(registry, "sessionhealth.sessions.open", "Sessions open now", BaseUnits.SESSIONS, SessionStats::open);
        gauge(registry, "sessionhealth.queue.size", "Session updates waiting to be sent, in memory or on disk",
                UPDATES, SessionStats::pending);
        gauge(registry, "sessionhealth.stored", "Session updates waiting on disk", UPDATES, SessionStats::stored);
        gauge(registry, "sessionhealth.delivery.backoff",
                "1 while delivery backs off after a failure or waits for a rate limit to end", null,
                s -> backsOff(s.delivery()) ? 1 : 0);
    }

    private static boolean backsOff(SessionStats.Delivery delivery) {
        return delivery == SessionStats.Delivery.BACKING_OFF || delivery == SessionStats.Delivery.RATE_LIMITED;
    }

    private void counter(MeterRegistry registry, String name, String description, String unit, Tags extra,
            ToDoubleFunction<SessionStats> value) {
        StatsSnapshot stats = snapshot;
        FunctionCounter.builder(name, manager, m -> value.applyAsDouble(stats.of(m)))
                .description(description).baseUnit(unit).tags(tags.and(extra)).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, String unit,
            ToDoubleFunction<SessionStats> value) {
        StatsSnapshot stats = snapshot;
        Gauge.builder(name, manager, m -> value.applyAsDouble(stats.of(m)))
                .description(description).baseUnit(unit).tags(tags).register(registry);
    }
}
