package dev.sessionhealth.examples.receiver;

import java.util.Objects;

/** What the receiver knows about one sid: its first transmission and its latest accepted update. */
final class TrackedSession {

    private final SessionItem first;
    private SessionItem latest;

    TrackedSession(SessionItem first) {
        this.first = first;
        this.latest = first;
    }

    /** Applies an update, or throws with the reason it breaks the protocol. */
    void update(SessionItem next) {
        if (latest.isTerminal()) {
            throw new RejectedItemException("update after terminal status '" + latest.status() + "'");
        }
        if (!Objects.equals(first.did(), next.did()) || !first.started().equals(next.started())
                || !first.release().equals(next.release())
                || !Objects.equals(first.environment(), next.environment())) {
            throw new RejectedItemException("did, started or attrs changed after the first transmission");
        }
        if (next.errors() < latest.errors()) {
            throw new RejectedItemException("errors went down from " + latest.errors() + " to " + next.errors());
        }
        latest = next;
    }

    SessionItem latest() {
        return latest;
    }

    /** The bucket Sentry counts this session in: its final (or current) status decides. */
    Outcome outcome() {
        return switch (latest.status()) {
            case "ok" -> Outcome.LIVE;
            case "exited" -> latest.errors() > 0 ? Outcome.ERRORED : Outcome.EXITED;
            case "crashed" -> Outcome.CRASHED;
            case "abnormal" -> Outcome.ABNORMAL;
            default -> Outcome.ERRORED; // "errored", and "unhandled" (does not count against crash-free)
        };
    }

    /** Where a session lands in the release-health numbers. */
    enum Outcome { LIVE, EXITED, ERRORED, CRASHED, ABNORMAL }
}
