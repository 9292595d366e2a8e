package dev.sessionhealth.examples.receiver;

/** The envelope cannot be split into items; the message says why. */
public final class MalformedEnvelopeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedEnvelopeException(String message) {
        super(message);
    }
}
