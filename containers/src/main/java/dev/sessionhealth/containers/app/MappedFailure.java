package dev.sessionhealth.containers.app;

/** A failure the application maps to a response itself (see {@link MappedFailureMapper}). */
public final class MappedFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MappedFailure(String message) {
        super(message);
    }
}
