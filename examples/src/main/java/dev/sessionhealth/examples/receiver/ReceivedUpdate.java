package dev.sessionhealth.examples.receiver;

import java.time.Instant;

/**
 * One item as the receiver saw it, for the live feed: accepted, or rejected with the reason.
 * Fields the item did not carry (or that could not be read) are {@code null}.
 *
 * @param receivedAt when it arrived
 * @param type {@code session}, {@code sessions}, or {@code envelope} for a whole envelope refused
 * @param sid the session id ({@code session} only)
 * @param did the distinct id ({@code session} only)
 * @param init whether it was the session's first transmission
 * @param status the wire status ({@code session} only)
 * @param errors the error count ({@code session} only)
 * @param sessions how many sessions it counts ({@code sessions} only)
 * @param release the release
 * @param environment the environment
 * @param rejection why the ingest would drop it, or {@code null} when accepted
 */
public record ReceivedUpdate(Instant receivedAt, String type, String sid, String did, Boolean init, String status,
        Integer errors, Long sessions, String release, String environment, String rejection) {

    static ReceivedUpdate accepted(Instant at, SessionItem s) {
        return new ReceivedUpdate(at, "session", s.sid(), s.did(), s.init(), s.status(), s.errors(), null,
                s.release(), s.environment(), null);
    }

    static ReceivedUpdate accepted(Instant at, AggregateItem a) {
        return new ReceivedUpdate(at, "sessions", null, null, null, null, null, a.total(), a.release(),
                a.environment(), null);
    }

    static ReceivedUpdate rejected(Instant at, String type, ItemSummary seen, String reason) {
        return new ReceivedUpdate(at, type, seen.sid(), seen.did(), seen.init(), seen.status(), seen.errors(),
                null, seen.release(), seen.environment(), reason);
    }

    public boolean accepted() {
        return rejection == null;
    }
}
