package dev.sessionhealth.internal.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sessionhealth.DiscardReason;
import dev.sessionhealth.Session;
import dev.sessionhealth.internal.session.AggregateBucket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Encodes Sentry envelopes: a header line, then for each item a header line with the payload's
 * byte length and the payload. Lines end with {@code \n}; JSON is compact. Sender thread only.
 */
public final class EnvelopeWriter {

    /** The most {@code session} plus {@code sessions} items the ingest accepts in one envelope. */
    public static final int MAX_SESSION_ITEMS = 100;

    private static final JsonFactory JSON = JsonFactories.create();
    private static final byte NEWLINE = '\n';

    private final String sdkName;
    private final String sdkVersion;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream(1024);
    private int items;

    public EnvelopeWriter(String sdkName, String sdkVersion) {
        this.sdkName = sdkName;
        this.sdkVersion = sdkVersion;
    }

    /** Starts a new envelope; {@code sentAt} is the moment it is handed to the transport. */
    public EnvelopeWriter begin(Instant sentAt) {
        out.reset();
        items = 0;
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("sent_at", sentAt.toString());
            g.writeObjectFieldStart("sdk");
            g.writeStringField("name", sdkName);
            g.writeStringField("version", sdkVersion);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write(NEWLINE);
        return this;
    }

    /** Adds a {@code session} item. */
    public EnvelopeWriter session(Session s) {
        JsonGenerator g = payloadGenerator();
        try (g) {
            g.writeStartObject();
            g.writeStringField("sid", s.sid());
            if (s.did() != null) {
                g.writeStringField("did", s.did());
            }
            g.writeBooleanField("init", s.init());
            g.writeNumberField("seq", s.seq());
            g.writeStringField("started", s.started().toString());
            g.writeStringField("timestamp", s.timestamp().toString());
            g.writeStringField("status", s.status().wireName());
            g.writeNumberField("errors", s.errors());
            g.writeNumberField("duration", s.duration().toMillis() / 1000.0);
            g.writeObjectFieldStart("attrs");
            for (Map.Entry<String, String> attr : s.attrs().entrySet()) {
                g.writeStringField(attr.getKey(), attr.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return item("session");
    }

    /** Adds a {@code sessions} item with these buckets (at most 100) for one release and environment. */
    public EnvelopeWriter aggregates(String release, String environment, List<AggregateBucket> buckets) {
        JsonGenerator g = payloadGenerator();
        try (g) {
            g.writeStartObject();
            g.writeArrayFieldStart("aggregates");
            for (AggregateBucket b : buckets) {
                g.writeStartObject();
                g.writeStringField("started", b.started().toString());
                writeNonZero(g, "exited", b.exited());
                writeNonZero(g, "errored", b.errored());
                writeNonZero(g, "abnormal", b.abnormal());
                writeNonZero(g, "crashed", b.crashed());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("attrs");
            g.writeStringField("release", release);
            if (environment != null) {
                g.writeStringField("environment", environment);
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return item("sessions");
    }

    /** Adds a {@code client_report} item for discarded sessions. */
    public EnvelopeWriter clientReport(Instant timestamp, Map<DiscardReason, Long> discarded) {
        JsonGenerator g = payloadGenerator();
        try (g) {
            g.writeStartObject();
            g.writeStringField("timestamp", timestamp.toString());
            g.writeArrayFieldStart("discarded_events");
            for (Map.Entry<DiscardReason, Long> e : discarded.entrySet()) {
                g.writeStartObject();
                g.writeStringField("reason", e.getKey().wireName());
                g.writeStringField("category", "session");
                g.writeNumberField("quantity", e.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return item("client_report");
    }

    public int itemCount() {
        return items;
    }

    /** The items written so far, without the envelope header: what the outbox keeps. */
    public byte[] itemsOnly() {
        byte[] all = out.toByteArray();
        int nl = 0;
        while (all[nl] != NEWLINE) {
            nl++;
        }
        return java.util.Arrays.copyOfRange(all, nl + 1, all.length);
    }

    /** A new envelope around items kept earlier, with {@code sent_at} of now. */
    public byte[] withItems(Instant sentAt, byte[] items) {
        begin(sentAt);
        out.writeBytes(items);
        return out.toByteArray();
    }

    /** The envelope so far. */
    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private JsonGenerator payloadGenerator() {
        payload.reset();
        try {
            return JSON.createGenerator(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EnvelopeWriter item(String type) {
        byte[] header = ("{\"type\":\"" + type + "\",\"length\":" + payload.size() + "}")
                .getBytes(StandardCharsets.UTF_8);
        out.writeBytes(header);
        out.write(NEWLINE);
        out.writeBytes(payload.toByteArray());
        out.write(NEWLINE);
        items++;
        return this;
    }

    private static void writeNonZero(JsonGenerator g, String name, long value) throws IOException {
        if (value > 0) {
            g.writeNumberField(name, value);
        }
    }
}
