package dev.sessionhealth.examples.receiver;

import java.util.List;
import java.util.Map;

/**
 * A parsed Sentry envelope: its header and its items, split byte for byte by their {@code length}.
 *
 * @param header the envelope header (for example {@code sent_at} and {@code sdk})
 * @param items the items in order, unknown types included
 */
public record Envelope(Map<String, Object> header, List<Item> items) {

    public Envelope {
        header = Map.copyOf(header);
        items = List.copyOf(items);
    }

    /** One item: its type and its raw payload bytes. */
    public record Item(String type, byte[] payload) {
    }
}
