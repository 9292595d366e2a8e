package dev.sessionhealth.internal.send;

import dev.sessionhealth.Transport;

/**
 * What an attempt to deliver one envelope came to, and so what happens to what it carried. The one
 * place that reads the ingest's answers, for envelopes from memory and from the outbox alike.
 */
enum IngestAnswer {
    /** 2xx: delivered. */
    ACCEPTED,
    /**
     * 429: the ingest refused it under a rate limit and stored nothing. Kept, and sent again when the
     * limit lifts: the ingest does not count a refused session, so sending it later counts it once.
     */
    RATE_LIMITED,
    /** 5xx: the ingest is in trouble, not the data. Kept, and sent again after a backoff. */
    SERVER_ERROR,
    /** Another status (413, 400…): it would be refused again. Given up and counted {@code send_error}. */
    REFUSED,
    /** No connection, or the body did not go out whole: certainly not stored. Kept, sent again after a backoff. */
    NOT_SENT,
    /**
     * The body went out and no answer came (a timeout, a connection closed before the answer): the
     * ingest may have stored it. Since it counts every start and end it receives, sending them again
     * could count them twice; so it is taken as delivered, and counted as unconfirmed.
     */
    UNKNOWN;

    static IngestAnswer of(Transport.Response response) {
        int status = response.status();
        if (response.isSuccess()) {
            return ACCEPTED;
        }
        if (status == 429) {
            return RATE_LIMITED;
        }
        return status >= 500 ? SERVER_ERROR : REFUSED;
    }

    /** Whether what the envelope carried stays ours to deliver. */
    boolean keeps() {
        return this == RATE_LIMITED || this == SERVER_ERROR || this == NOT_SENT;
    }

    /** Whether the ingest is unwell: the next attempt waits for a backoff. */
    boolean backsOff() {
        return this == SERVER_ERROR || this == NOT_SENT || this == UNKNOWN;
    }
}
