package dev.sessionhealth.examples.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns {@code session} and {@code sessions} payloads into items, or rejects them with the reason
 * the ingest would have dropped them for. Stateless: the rules that need history (init, terminal
 * status) are the board's.
 */
final class ItemParser {

    static final Set<String> STATUSES = Set.of("ok", "exited", "crashed", "abnormal", "errored", "unhandled");
    private static final int MAX_BUCKETS = 100;

    private final ObjectMapper json;

    ItemParser(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param now the receiver's clock
     * @param skew added to the item's times: the client's clock error when it is 55 minutes or more
     */
    SessionItem session(byte[] bytes, Instant now, Duration skew) {
        JsonNode p = object(bytes);
        String sid = PayloadRules.sid(p);
        JsonNode attrs = p.get("attrs");
        String release = PayloadRules.release(attrs);
        Instant started = PayloadRules.time(p, "started", null).plus(skew);
        Instant timestamp = PayloadRules.time(p, "timestamp", now.minus(skew)).plus(skew);
        PayloadRules.checkWindow(started, timestamp, now);
        String status = p.path("status").asText("ok");
        if (!STATUSES.contains(status)) {
            throw new RejectedItemException("unknown status '" + status + "'");
        }
        long errors = PayloadRules.count(p, "errors");
        if (errors > Integer.MAX_VALUE) {
            throw new RejectedItemException("errors out of range");
        }
        if ("crashed".equals(status) && errors < 1) {
            throw new RejectedItemException("crashed with errors = 0 (a crash is an error)");
        }
        PayloadRules.count(p, "seq");
        return new SessionItem(sid, did(p), init(p), started, timestamp, status, (int) errors,
                duration(p, started, timestamp), release, PayloadRules.environment(attrs));
    }

    AggregateItem aggregates(byte[] bytes, Instant now, Duration skew) {
        JsonNode p = object(bytes);
        JsonNode attrs = p.get("attrs");
        String release = PayloadRules.release(attrs);
        JsonNode list = p.get("aggregates");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new RejectedItemException("aggregates missing or empty");
        }
        if (list.size() > MAX_BUCKETS) {
            throw new RejectedItemException("more than " + MAX_BUCKETS + " aggregate buckets");
        }
        List<AggregateItem.Bucket> buckets = new ArrayList<>();
        for (JsonNode b : list) {
            Instant started = PayloadRules.time(b, "started", null).plus(skew);
            PayloadRules.checkWindow(started, started, now);
            buckets.add(new AggregateItem.Bucket(started, PayloadRules.count(b, "exited"),
                    PayloadRules.count(b, "errored"), PayloadRules.count(b, "crashed"),
                    PayloadRules.count(b, "abnormal")));
        }
        return new AggregateItem(release, PayloadRules.environment(attrs), buckets);
    }

    private JsonNode object(byte[] bytes) {
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new RejectedItemException("payload is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new RejectedItemException("payload is not valid JSON");
        }
    }

    private static String did(JsonNode p) {
        JsonNode did = p.get("did");
        if (did == null || did.isNull()) {
            return null;
        }
        if (!did.isTextual()) {
            throw new RejectedItemException("did is not a string");
        }
        return did.asText().isEmpty() ? null : did.asText();
    }

    private static boolean init(JsonNode p) {
        JsonNode init = p.get("init");
        if (init != null && !init.isNull() && !init.isBoolean()) {
            throw new RejectedItemException("init is not a boolean");
        }
        return init != null && init.asBoolean();
    }

    private static double duration(JsonNode p, Instant started, Instant timestamp) {
        JsonNode d = p.get("duration");
        if (d == null || d.isNull()) {
            return Duration.between(started, timestamp).toMillis() / 1000.0;
        }
        if (!d.isNumber() || d.asDouble() < 0) {
            throw new RejectedItemException("duration is not a non-negative number");
        }
        return d.asDouble();
    }
}
