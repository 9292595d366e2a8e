package dev.sessionhealth;

/**
 * Inspects, changes or drops a session update before it leaves the process. Runs on the sender
 * thread, never on a request thread. Whatever it throws drops that update and is counted, like
 * {@code null}.
 *
 * <p>Only three fields of the returned session are used; every other one is taken from the update
 * passed in, whatever the hook returns, so that a hook cannot break what the ingest counts:
 *
 * <table class="striped">
 * <caption>What is sent, field by field</caption>
 * <thead><tr><th>field</th><th>sent from</th></tr></thead>
 * <tbody>
 * <tr><td>{@code did}</td><td>the returned session</td></tr>
 * <tr><td>{@code userAgent}, {@code ipAddress}</td><td>the returned session, as they are (the hook may
 *     remove them with {@link Session#withoutClientInfo()}; values it adds are neither cleaned nor
 *     checked against {@code sendDefaultPii})</td></tr>
 * <tr><td>{@code sid}, {@code init}, {@code seq}, {@code started}, {@code timestamp}, {@code duration},
 *     {@code status}, {@code errors}</td><td>the original: ignored in the result</td></tr>
 * <tr><td>{@code release}, {@code environment}</td><td>the original: ignored in the result</td></tr>
 * <tr><td>{@code user}, {@code tags}</td><td>never sent; the original's are passed in for the hook to
 *     read</td></tr>
 * </tbody>
 * </table>
 *
 * <p>Returning {@code null} drops the update and counts it under {@link DiscardReason#BEFORE_SEND} (in
 * {@link SessionStats#discarded()} and in the client report sent to the ingest). If the dropped update
 * was the session's first transmission, the session's next update carries {@code init:true} instead.
 * Dropping the end of a session whose start was sent leaves that session without an end at the ingest:
 * drop all updates of a session or none.
 *
 * <p>A session's {@code did} and attributes must not change after its first transmission (a rule of
 * the protocol the user counts depend on), so the hook should return the same values for every update of one session.
 * It runs once per session and envelope: updates of one session that wait together are merged into one
 * first, and an update whose envelope is sent again after a failure passes through the hook again.
 * Updates recovered from the journal after a crash (among them the {@code abnormal} ends) pass through
 * it too, with no {@code user} and no {@code tags} (they are not stored on disk) and with the {@code
 * did}, user agent and IP address as they were before the hook: a hook that decides by user or tag
 * lets them through unchanged. Request-mode aggregates do not pass through it.
 */
@FunctionalInterface
public interface BeforeSend {

    /**
     * @param update the update about to be sent, with the session's {@link Session#user() user} and
     *     {@link Session#tags() tags}
     * @return the update to send (the same or a changed copy, of which only {@code did}, {@code
     *     userAgent} and {@code ipAddress} are used), or {@code null} to drop it
     */
    Session apply(Session update);
}
