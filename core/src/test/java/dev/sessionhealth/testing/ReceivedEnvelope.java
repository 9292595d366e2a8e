package dev.sessionhealth.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One envelope as it arrived, split into items by following the {@code length} headers byte for byte
 * (the way Relay reads them), so a wrong length fails the split. {@code answered} is the HTTP status
 * the ingest answered, or {@link #CUT_OFF} if it closed the connection after part of the body (then
 * {@code body} holds only the bytes read, as sent, and cannot be split into items).
 */
public record ReceivedEnvelope(String method, String path, Map<String, String> headers, byte[] body, int answered) {

    /** {@link #answered()} of an envelope the ingest cut off without answering: never accepted. */
    public static final int CUT_OFF = -1;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether the ingest answered 2xx: it stored the envelope (and counts what it holds). */
    public boolean accepted() {
        return answered / 100 == 2;
    }

    /** Whether the ingest closed the connection after reading part of the body, without answering. */
    public boolean cutOff() {
        return answered == CUT_OFF;
    }

    /** An item: its header and payload bytes. */
    public record Item(Map<String, Object> header, byte[] payload) {
        public String type() {
            return (String) header.get("type");
        }

        public Map<String, Object> json() {
            return parse(payload);
        }
    }

    public Map<String, Object> envelopeHeader() {
        int nl = indexOf(body, 0);
        return parse(Arrays.copyOfRange(body, 0, nl));
    }

    public List<Item> items() {
        List<Item> items = new ArrayList<>();
        int pos = indexOf(body, 0) + 1;
        while (pos < body.length) {
            int nl = indexOf(body, pos);
            Map<String, Object> header = parse(Arrays.copyOfRange(body, pos, nl));
            int length = ((Number) header.get("length")).intValue();
            int start = nl + 1;
            byte[] payload = Arrays.copyOfRange(body, start, start + length);
            items.add(new Item(header, payload));
            pos = start + length;
            if (pos < body.length) {
                if (body[pos] != '\n') {
                    throw new IllegalStateException("payload not followed by a newline at byte " + pos);
                }
                pos++;
            }
        }
        return items;
    }

    public List<Map<String, Object>> payloads(String type) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Item item : items()) {
            if (type.equals(item.type())) {
                out.add(item.json());
            }
        }
        return out;
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }

    private static Map<String, Object> parse(byte[] json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + new String(json, StandardCharsets.UTF_8), e);
        }
    }
}
