package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.internal.RequestAggregator;
import dev.sessionhealth.internal.RequestTracking;
import dev.sessionhealth.internal.SessionTracker;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Request mode: every counted request is one session, recorded into its minute when it ends. */
public final class RequestCounter implements RequestMapper {

    private final SessionTracker tracker;
    private final RequestAggregator aggregator;

    public RequestCounter(SessionTracker tracker, RequestAggregator aggregator) {
        this.tracker = tracker;
        this.aggregator = aggregator;
    }

    @Override
    public MappedRequest begin(HttpServletRequest request, HttpServletResponse response) {
        RequestTracking tracking = new RequestTracking(tracker);
        return new MappedRequest(tracking, () -> aggregator.record(tracking.outcome()));
    }
}
