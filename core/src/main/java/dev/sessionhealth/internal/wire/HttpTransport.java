package dev.sessionhealth.internal.wire;

import dev.sessionhealth.Transport;
import java.io.ByteArrayOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/** Posts envelopes to the DSN's envelope endpoint with Apache HttpClient 5 (blocking; sender thread only). */
public final class HttpTransport implements Transport {

    private static final ContentType ENVELOPE = ContentType.create("application/x-sentry-envelope");

    private final Dsn dsn;
    private final String auth;
    private final String userAgent;
    private final boolean compress;
    private final CloseableHttpClient client;
    /** The request being sent, so that {@link #close()} can abort it. */
    private final AtomicReference<HttpPost> inFlight = new AtomicReference<>();

    public HttpTransport(Dsn dsn, Duration timeout, boolean compress, String sdkName, String sdkVersion) {
        this.dsn = dsn;
        this.compress = compress;
        this.userAgent = sdkName + "/" + sdkVersion;
        this.auth = "Sentry sentry_version=7,sentry_client=" + userAgent + ",sentry_key=" + dsn.publicKey();
        Timeout t = Timeout.of(timeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(t).setSocketTimeout(t)
                                // a pooled connection the ingest closed would take the next envelope
                                // and fail after it went out: an unknown outcome where a fresh
                                // connection would have delivered it
                                .setValidateAfterInactivity(TimeValue.ZERO_MILLISECONDS).build())
                        .setMaxConnTotal(2).setMaxConnPerRoute(2)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(t).setResponseTimeout(t).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .useSystemProperties()
                .build();
    }

    @Override
    public Response send(byte[] envelope) throws IOException {
        return send(envelope, null);
    }

    @Override
    public Response send(byte[] envelope, Runnable wentOut) throws IOException {
        HttpPost post = new HttpPost(dsn.envelopeUri());
        post.setHeader("X-Sentry-Auth", auth);
        post.setHeader("User-Agent", userAgent);
        if (compress) {
            post.setHeader("Content-Encoding", "gzip");
        }
        SentBody body = new SentBody(compress ? gzip(envelope) : envelope, wentOut);
        post.setEntity(body);
        inFlight.set(post);
        try {
            return client.execute(post, response -> {
                EntityUtils.consumeQuietly(response.getEntity());
                return new Response(response.getCode(), value(response.getFirstHeader("X-Sentry-Rate-Limits")),
                        value(response.getFirstHeader("Retry-After")));
            });
        } catch (IOException | RuntimeException e) {
            if (body.sent) {
                throw new OutcomeUnknownException("no answer after the envelope was sent: " + e, e);
            }
            throw e;
        } finally {
            inFlight.compareAndSet(post, null);
        }
    }

    /** Closes the client; a request still in flight (an ingest that hangs) is aborted. */
    @Override
    public void close() {
        HttpPost post = inFlight.getAndSet(null);
        if (post != null) {
            post.cancel();
        }
        client.close(CloseMode.IMMEDIATE);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** The request body, which knows whether it was written out whole. */
    private static final class SentBody extends AbstractHttpEntity {
        private final byte[] bytes;
        private final Runnable wentOut;
        volatile boolean sent;

        SentBody(byte[] bytes, Runnable wentOut) {
            super(ENVELOPE, null);
            this.bytes = bytes;
            this.wentOut = wentOut;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(bytes);
            out.flush(); // on the wire, not in a buffer: from here the ingest may have it whole
            if (!sent) {
                sent = true;
                if (wentOut != null) {
                    wentOut.run();
                }
            }
        }

        @Override
        public InputStream getContent() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public long getContentLength() {
            return bytes.length;
        }

        @Override
        public boolean isRepeatable() {
            return true;
        }

        @Override
        public boolean isStreaming() {
            return false;
        }

        @Override
        public void close() {
        }
    }

    private static String value(Header h) {
        return h == null ? null : h.getValue();
    }
}
