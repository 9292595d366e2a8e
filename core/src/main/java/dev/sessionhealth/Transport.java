package dev.sessionhealth;

import java.io.IOException;

/**
 * Delivers one encoded envelope. Called from the sender thread only. The default transport posts
 * to the DSN's envelope endpoint with Apache HttpClient 5.
 */
public interface Transport extends AutoCloseable {

    /**
     * Sends the envelope.
     *
     * @param envelope the envelope bytes, uncompressed
     * @return what the ingest answered
     * @throws OutcomeUnknownException when the envelope went out whole and no answer came: the
     *     ingest may have stored it, so it is not sent again
     * @throws IOException when the envelope did not reach the ingest (no connection, the body was
     *     not sent whole): it is sent again later
     */
    Response send(byte[] envelope) throws IOException;

    /**
     * Sends the envelope and runs {@code wentOut} on the calling thread as soon as the whole body was
     * handed to the network, before the answer is read. From that moment the ingest may count what the
     * envelope carries even if the process dies before the answer arrives; with a state directory the
     * library notes it then, so that the next start does not send those session starts and ends a
     * second time. The default sends with {@link #send(byte[])} and never runs {@code wentOut}: the
     * library then learns of the envelope's fate only from the answer.
     *
     * @param envelope the envelope bytes, uncompressed
     * @param wentOut to run at most once, on the calling thread, when the body went out whole and
     *     before this method returns (a run after it returned is ignored)
     * @return what the ingest answered
     * @throws IOException as {@link #send(byte[])}
     */
    default Response send(byte[] envelope, Runnable wentOut) throws IOException {
        return send(envelope);
    }

    /**
     * The envelope was sent but no answer came (a timeout, a connection closed before the answer).
     * The ingest may have stored it; since the ingest counts every session start and end it gets, the
     * library does not send it again and counts it as unconfirmed in
     * {@link SessionStats#unconfirmed()}. A transport that cannot tell this case from a failure to
     * send throws a plain {@link IOException}, and the envelope is sent again.
     */
    class OutcomeUnknownException extends IOException {
        private static final long serialVersionUID = 1L;

        public OutcomeUnknownException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Releases what the transport holds and aborts a request in flight. The manager calls it only on
     * the default transport it made itself; one given to {@link SessionManagerBuilder#transport} is
     * closed by whoever made it.
     */
    @Override
    default void close() throws IOException {
    }

    /**
     * An ingest's answer.
     *
     * @param status the HTTP status code
     * @param rateLimits the {@code X-Sentry-Rate-Limits} header, or {@code null}
     * @param retryAfter the {@code Retry-After} header, or {@code null}
     */
    record Response(int status, String rateLimits, String retryAfter) {

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }
}
