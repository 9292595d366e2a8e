package dev.sessionhealth.examples.receiver;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Splits an envelope the way Relay does: a header line, then items whose header gives the payload
 * size in bytes ({@code length}); without a length the payload runs to the next newline. A length
 * that does not match the bytes makes the whole envelope malformed.
 */
public final class EnvelopeReader {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private final ObjectMapper json;

    public EnvelopeReader(ObjectMapper json) {
        this.json = json;
    }

    /** Parses the (already decompressed) body; throws {@link MalformedEnvelopeException} with the reason. */
    public Envelope read(byte[] body) {
        int headerEnd = lineEnd(body, 0);
        Map<String, Object> header = object(body, 0, headerEnd, "envelope header");
        List<Envelope.Item> items = new ArrayList<>();
        int pos = headerEnd + 1;
        while (pos < body.length) {
            int itemHeaderEnd = lineEnd(body, pos);
            if (itemHeaderEnd == pos) {
                pos++; // tolerate a trailing empty line
                continue;
            }
            Map<String, Object> itemHeader = object(body, pos, itemHeaderEnd, "item header");
            int start = itemHeaderEnd + 1;
            int end = payloadEnd(body, start, itemHeader.get("length"));
            Object type = itemHeader.get("type");
            if (!(type instanceof String)) {
                throw new MalformedEnvelopeException("item header without a type at byte " + pos);
            }
            items.add(new Envelope.Item((String) type, Arrays.copyOfRange(body, start, end)));
            pos = end;
            if (pos < body.length) {
                if (body[pos] != '\n') {
                    throw new MalformedEnvelopeException("payload of " + type + " not followed by a newline at byte "
                            + pos + " (wrong length?)");
                }
                pos++;
            }
        }
        return new Envelope(header, items);
    }

    private static int payloadEnd(byte[] body, int start, Object length) {
        if (length == null) {
            return lineEnd(body, Math.min(start, body.length));
        }
        if (!(length instanceof Integer || length instanceof Long) || ((Number) length).longValue() < 0) {
            throw new MalformedEnvelopeException("item length is not a non-negative integer: " + length);
        }
        long end = start + ((Number) length).longValue();
        if (end > body.length) {
            throw new MalformedEnvelopeException("item length " + length + " runs past the end of the envelope");
        }
        return (int) end;
    }

    private Map<String, Object> object(byte[] body, int from, int to, String what) {
        try {
            return json.readValue(body, from, to - from, OBJECT);
        } catch (IOException e) {
            throw new MalformedEnvelopeException(what + " is not a JSON object at byte " + from);
        }
    }

    private static int lineEnd(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }
}
