package dev.sessionhealth.examples.receiver;

/** An item the ingest would drop; the message is the reason shown on the dashboard. */
public final class RejectedItemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RejectedItemException(String reason) {
        super(reason, null, false, false);
    }
}
