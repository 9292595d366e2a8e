package dev.sessionhealth.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.DiscardReason;
import dev.sessionhealth.Session;
import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.SessionStats;
import dev.sessionhealth.User;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.FakeIngest.Reply;
import dev.sessionhealth.testing.MovableClock;
import dev.sessionhealth.testing.Poll;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The meters against a real manager delivering to a local ingest, read back from a registry. */
@Timeout(120)
class SessionHealthMetricsTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final Tags RELEASE = Tags.of("release", "shop@2.4.1", "environment", "production");

    private final FakeIngest ingest = FakeIngest.start();
    private final MovableClock clock = new MovableClock();
    /** The ticker the meters' cache is timed on: each {@link #scrape} moves it past the cache's age. */
    private final AtomicLong ticker = new AtomicLong();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private SessionManager manager;

    @AfterEach
    void closeManagerAndIngest() {
        try {
            if (manager != null) {
                manager.close();
            }
        } finally {
            ingest.close();
        }
    }

    private SessionManager manager() {
        manager = SessionManager.builder(SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1")
                .environment("production").build()).clock(clock).build();
        new SessionHealthMetrics(manager, RELEASE, ticker::get).bindTo(registry);
        return manager;
    }

    @Test
    void metersCountWhatTheSessionsDid() {
        SessionManager m = manager();
        m.startSession(SessionContext.forUser(User.of("alice")));
        scrape();
        assertEquals(1, gauge("sessionhealth.sessions.open"));
        m.recordError(true);
        m.startSession(); // ends alice's session as exited, with its error
        m.recordError(false); // crashes the second
        m.startSession();
        m.endSession();
        assertTrue(m.flush(BOUND));

        scrape();
        assertEquals(3, counter("sessionhealth.sessions.started", Tags.empty()));
        assertEquals(2, counter("sessionhealth.sessions.ended", Tags.of("status", "exited")));
        assertEquals(1, counter("sessionhealth.sessions.ended", Tags.of("status", "crashed")));
        assertEquals(0, counter("sessionhealth.sessions.ended", Tags.of("status", "abnormal")));
        assertEquals(2, counter("sessionhealth.errors", Tags.empty()), "one handled, one unhandled");
        // 3 starts, the handled error's update, 3 ends (merged per session on the wire, counted each)
        assertEquals(7, counter("sessionhealth.updates.sent", Tags.empty()));
        Map<Object, Object> finalStatus = new HashMap<>();
        ingest.sessions().forEach(s -> finalStatus.put(s.get("sid"), s.get("status")));
        assertEquals(Map.of("exited", 2L, "crashed", 1L), finalStatus.values().stream()
                .collect(Collectors.groupingBy(Object::toString, Collectors.counting())), "the ingest saw the same ends");
        for (DiscardReason reason : DiscardReason.values()) {
            assertEquals(0, counter("sessionhealth.updates.dropped", Tags.of("reason", reason.wireName())), reason::name);
        }
        assertEquals(0, counter("sessionhealth.updates.unconfirmed", Tags.empty()));
        assertEquals(0, gauge("sessionhealth.sessions.open"));
        assertEquals(0, gauge("sessionhealth.queue.size"));
        assertEquals(0, gauge("sessionhealth.stored"));
        assertEquals(0, gauge("sessionhealth.delivery.backoff"));
    }

    @Test
    void droppedUpdatesAreCountedByReason() {
        SessionManager m = manager();
        ingest.answerByDefault(Reply.status(413)); // refused for good: dropped as send_error
        m.startSession();
        m.captureSession();
        assertTrue(m.flush(BOUND));
        scrape();
        SessionStats stats = m.stats();
        assertEquals(stats.discarded().get(DiscardReason.SEND_ERROR),
                (long) counter("sessionhealth.updates.dropped", Tags.of("reason", "send_error")), stats::toString);
        assertTrue(counter("sessionhealth.updates.dropped", Tags.of("reason", "send_error")) > 0);
        assertEquals(0, counter("sessionhealth.updates.sent", Tags.empty()));
    }

    @Test
    void backoffGaugeIsOneWhileTheIngestFailsOrLimitsAndZeroOnceItAccepts() throws InterruptedException {
        SessionManager m = manager();
        ingest.answerByDefault(Reply.status(500));
        m.startSession();
        m.flush(Duration.ofMillis(1));
        Poll.atMost(BOUND).every(Duration.ofMillis(20)).until(() -> "the backoff gauge at 1: " + m.stats(), () -> {
            scrape(); // each check reads the manager as it is then
            return gauge("sessionhealth.delivery.backoff") == 1;
        });
        assertTrue(gauge("sessionhealth.queue.size") >= 1, "the start waits");

        ingest.answerByDefault(Reply.status(200));
        assertTrue(m.flush(BOUND), "delivered once the ingest recovered");
        scrape();
        assertEquals(0, gauge("sessionhealth.delivery.backoff"));

        ingest.enqueue(Reply.withHeader(429, "Retry-After", "60"));
        m.captureSession();
        assertFalse(m.flush(BOUND), "held by the limit");
        scrape();
        assertEquals(1, gauge("sessionhealth.delivery.backoff"), "rate limited");
        clock.advance(Duration.ofSeconds(61));
        scrape();
        assertEquals(0, gauge("sessionhealth.delivery.backoff"), "the limit is over");
    }

    @Test
    void metersCarryTheGivenTagsAndNothingPerUserOrSession() {
        manager = SessionManager.builder(SessionOptions.builder().dsn(ingest.dsn()).release("shop@2.4.1").build())
                .clock(clock).build();
        new SessionHealthMetrics(manager, "shop@2.4.1", null).bindTo(registry);
        Session alice = manager.startSession(SessionContext.forUser(User.of("alice")));
        manager.recordError(false);
        manager.flush(BOUND);

        assertEquals(1 + 3 + 1 + 1 + DiscardReason.values().length + 1 + 4, registry.getMeters().size(),
                "started, 3 end statuses, errors, sent, a reason each, unconfirmed and 4 gauges");
        Set<String> allowed = Set.of("release", "environment", "status", "reason");
        for (Meter meter : registry.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                assertTrue(allowed.contains(tag.getKey()), () -> meter.getId().toString());
                assertFalse(tag.getValue().contains("alice") || tag.getValue().contains(alice.sid()),
                        () -> meter.getId().toString());
            }
            assertEquals(Optional.of("shop@2.4.1"), Optional.ofNullable(meter.getId().getTag("release")));
            assertEquals(Optional.empty(), Optional.ofNullable(meter.getId().getTag("environment")), "null: no tag");
        }
    }

    @Test
    void aScrapeOfEveryMeterReadsTheStatsOnceASecond() {
        AtomicInteger reads = new AtomicInteger();
        SessionManager disabled = SessionManager.create(SessionOptions.builder().enabled(false).build());
        SessionManager counting = new CountingManager(disabled, reads);
        new SessionHealthMetrics(counting, RELEASE, ticker::get).bindTo(registry); // reads which end statuses

        readEveryMeter();
        readEveryMeter();
        assertEquals(1, reads.get(), "one read serves every meter within the second");
        ticker.addAndGet(TimeUnit.SECONDS.toNanos(1));
        readEveryMeter();
        assertEquals(2, reads.get(), "read again once a second passed");
        assertEquals(0, gauge("sessionhealth.delivery.backoff"), "a disabled manager does not back off");
        assertEquals(3, registry.find("sessionhealth.sessions.ended").functionCounters().size());
    }

    private void readEveryMeter() {
        registry.getMeters().forEach(meter -> meter.measure().forEach(measurement -> measurement.getValue()));
    }

    /** Moves the meters' ticker past the cache's age, so the next read sees the manager as it is now. */
    private void scrape() {
        ticker.addAndGet(TimeUnit.SECONDS.toNanos(1));
    }

    private double counter(String name, Tags extra) {
        return registry.get(name).tags(RELEASE.and(extra)).functionCounter().count();
    }

    private double gauge(String name) {
        return registry.get(name).tags(RELEASE).gauge().value();
    }
}
