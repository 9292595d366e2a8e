package dev.sessionhealth.examples.receiver;

import java.time.Instant;

/** Sessions that started in one minute, by where they stand now (the chart's stacked bars). */
public record MinuteHealth(Instant minute, long live, long exited, long errored, long crashed, long abnormal) {

    static MinuteHealth of(Instant minute, HealthCounts c) {
        return new MinuteHealth(minute, c.live(), c.exited(), c.errored(), c.crashed(), c.abnormal());
    }
}
