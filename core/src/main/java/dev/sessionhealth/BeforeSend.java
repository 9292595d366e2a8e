package dev.sessionhealth;

/**
 * Inspects, changes or drops a session update before it leaves the process. Runs on the sender
 * thread, never on a request thread. Whatever it throws drops that update and is counted.
 */
@FunctionalInterface
public interface BeforeSend {

    /**
     * @return the update to send (the same or a changed copy), or {@code null} to drop it; the
     *     {@code sid}, {@code init}, {@code started} and status of the original are kept
     */
    Session apply(Session update);
}
