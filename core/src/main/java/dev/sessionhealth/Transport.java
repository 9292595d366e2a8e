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
     * @throws IOException when the ingest could not be reached (the envelope will be retried)
     */
    Response send(byte[] envelope) throws IOException;

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
