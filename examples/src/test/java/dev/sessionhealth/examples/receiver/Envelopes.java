package dev.sessionhealth.examples.receiver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

/** Builds envelopes by hand for the receiver's tests, with correct byte lengths unless told otherwise. */
final class Envelopes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Envelopes sentAt(Instant sentAt) {
        Envelopes e = new Envelopes();
        e.line("{\"sent_at\":\"" + sentAt + "\",\"sdk\":{\"name\":\"test\",\"version\":\"1\"}}");
        return e;
    }

    Envelopes item(String type, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        line("{\"type\":\"" + type + "\",\"length\":" + bytes.length + "}");
        out.writeBytes(bytes);
        out.write('\n');
        return this;
    }

    Envelopes itemWithLength(String type, String payload, int length) {
        line("{\"type\":\"" + type + "\",\"length\":" + length + "}");
        out.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        return this;
    }

    Envelopes itemWithoutLength(String type, String payload) {
        line("{\"type\":\"" + type + "\"}");
        line(payload);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    byte[] gzipped() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(bytes());
        }
        return zipped.toByteArray();
    }

    /** A session payload; {@code extra} is inserted verbatim (for example {@code ,"did":"u1"}). */
    static String session(String sid, boolean init, String status, int errors, Instant started, Instant timestamp,
            String release, String extra) {
        return "{\"sid\":\"" + sid + "\",\"init\":" + init + ",\"started\":\"" + started + "\",\"timestamp\":\""
                + timestamp + "\",\"status\":\"" + status + "\",\"errors\":" + errors + ",\"duration\":"
                + (timestamp.toEpochMilli() - started.toEpochMilli()) / 1000.0
                + ",\"attrs\":{\"release\":\"" + release + "\",\"environment\":\"test\"}" + extra + "}";
    }

    private void line(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }
}
