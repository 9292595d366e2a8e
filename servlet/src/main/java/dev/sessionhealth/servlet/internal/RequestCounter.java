package dev.sessionhealth.servlet.internal;

import dev.sessionhealth.internal.RequestAggregator;
import dev.sessionhealth.internal.RequestTracking;
import dev.sessionhealth.internal.SessionTracker;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Consumer;

/** Request mode: every counted request is one session, recorded into its minute when it ends. */
public final class RequestCounter implements RequestMapper {

    private final SessionTracker tracker;
    /** One instance for all requests: the request's tracking is its argument, so nothing is captured per request. */
    private final Consumer<RequestTracking> record;

    public RequestCounter(SessionTracker tracker, RequestAggregator aggregator) {
        this.tracker = tracker;
        this.record = tracking -> aggregator.record(tracking.outcome());
    }

    @Override
    public MappedRequest begin(HttpServletRequest request, HttpServletResponse response) {
        return new MappedRequest(new RequestTracking(tracker), record);
    }
}
