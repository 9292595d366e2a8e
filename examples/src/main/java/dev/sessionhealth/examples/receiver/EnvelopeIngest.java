package dev.sessionhealth.examples.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.zip.GZIPInputStream;

/**
 * What the receiver does with one POSTed envelope, independent of the HTTP server: decompress,
 * split byte-exactly, check every session item with the ingest's rules and hand it to the board.
 * Answers like Relay: 200 once the envelope could be read (invalid items are dropped, here with a
 * visible reason), 400 for an unreadable envelope, 413 for too many session items.
 */
public final class EnvelopeIngest {

    /** The answer to send back. */
    public record Answer(int status, String body) {
    }

    static final int MAX_SESSION_ITEMS = 100;
    static final int MAX_BODY_BYTES = 20 * 1024 * 1024;
    private static final Duration DRIFT_CORRECTED = Duration.ofMinutes(55);

    private final ReleaseHealthBoard board;
    private final ObjectMapper json;
    private final EnvelopeReader reader;
    private final ItemParser parser;

    public EnvelopeIngest(ReleaseHealthBoard board, ObjectMapper json) {
        this.board = board;
        this.json = json;
        this.reader = new EnvelopeReader(json);
        this.parser = new ItemParser(json);
    }

    public Answer receive(byte[] body, String contentEncoding) {
        byte[] decoded = body;
        Envelope envelope;
        try {
            decoded = decode(body, contentEncoding);
            envelope = reader.read(decoded);
        } catch (MalformedEnvelopeException e) {
            board.reject("envelope", ItemSummary.NONE, "malformed envelope: " + e.getMessage());
            board.envelopeAnswered(decoded, 400);
            return new Answer(400, "{\"detail\":\"invalid envelope\"}");
        }
        long sessionItems = envelope.items().stream()
                .filter(i -> i.type().equals("session") || i.type().equals("sessions")).count();
        if (sessionItems > MAX_SESSION_ITEMS) {
            board.reject("envelope", ItemSummary.NONE, "more than " + MAX_SESSION_ITEMS + " session items (413)");
            board.envelopeAnswered(decoded, 413);
            return new Answer(413, "{\"detail\":\"envelope exceeded size limits\"}");
        }
        Instant now = board.clock().instant();
        Duration skew = skew(envelope, now);
        for (Envelope.Item item : envelope.items()) {
            handle(item, now, skew);
        }
        board.envelopeAnswered(decoded, 200);
        return new Answer(200, "{}");
    }

    private void handle(Envelope.Item item, Instant now, Duration skew) {
        try {
            switch (item.type()) {
                case "session" -> board.accept(parser.session(item.payload(), now, skew));
                case "sessions" -> board.accept(parser.aggregates(item.payload(), now, skew));
                case "client_report" -> clientReport(item.payload());
                default -> { } // unknown types are skipped, as by every reader
            }
        } catch (RejectedItemException e) {
            board.reject(item.type(), ItemSummary.of(json, item.payload()), e.getMessage());
        }
    }

    private void clientReport(byte[] payload) {
        try {
            for (JsonNode d : json.readTree(payload).path("discarded_events")) {
                board.discarded(d.path("reason").asText("unknown") + " (" + d.path("category").asText("?") + ")",
                        d.path("quantity").asLong(0));
            }
        } catch (IOException e) {
            board.reject("client_report", ItemSummary.NONE, "client report is not valid JSON");
        }
    }

    /** Relay corrects the client's clock through {@code sent_at} only when it is off by 55 minutes or more. */
    private static Duration skew(Envelope envelope, Instant now) {
        Object sentAt = envelope.header().get("sent_at");
        if (!(sentAt instanceof String)) {
            return Duration.ZERO;
        }
        try {
            Duration drift = Duration.between(Instant.parse((String) sentAt), now);
            return drift.abs().compareTo(DRIFT_CORRECTED) >= 0 ? drift : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return Duration.ZERO;
        }
    }

    private static byte[] decode(byte[] body, String contentEncoding) {
        if (contentEncoding == null || contentEncoding.isBlank() || contentEncoding.equalsIgnoreCase("identity")) {
            return body;
        }
        if (!contentEncoding.equalsIgnoreCase("gzip")) {
            throw new MalformedEnvelopeException("unsupported Content-Encoding " + contentEncoding);
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] out = in.readNBytes(MAX_BODY_BYTES + 1);
            if (out.length > MAX_BODY_BYTES) {
                throw new MalformedEnvelopeException("decompressed envelope larger than " + MAX_BODY_BYTES + " bytes");
            }
            return out;
        } catch (IOException e) {
            throw new MalformedEnvelopeException("body is not valid gzip");
        }
    }
}
