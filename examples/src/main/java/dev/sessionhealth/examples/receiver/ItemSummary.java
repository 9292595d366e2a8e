package dev.sessionhealth.examples.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Whatever could be read from a rejected item, so the feed can show which session it was. */
record ItemSummary(String sid, String did, Boolean init, String status, Integer errors, String release,
        String environment) {

    static final ItemSummary NONE = new ItemSummary(null, null, null, null, null, null, null);

    static ItemSummary of(ObjectMapper json, byte[] payload) {
        try {
            JsonNode p = json.readTree(payload);
            if (p == null || !p.isObject()) {
                return NONE;
            }
            JsonNode attrs = p.path("attrs");
            return new ItemSummary(text(p.get("sid")), text(p.get("did")),
                    p.path("init").isBoolean() ? p.get("init").asBoolean() : null, text(p.get("status")),
                    p.path("errors").isInt() ? p.get("errors").asInt() : null, text(attrs.get("release")),
                    text(attrs.get("environment")));
        } catch (IOException e) {
            return NONE;
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
