package dev.sessionhealth.examples.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionhealth.internal.wire.IngestRules;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The field checks shared by {@code session} and {@code sessions} payloads: the ones Relay applies
 * (release, environment, time window) plus the protocol's formats.
 */
final class PayloadRules {

    private static final Pattern SID = Pattern.compile(
            "[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private PayloadRules() {
    }

    static String sid(JsonNode payload) {
        JsonNode sid = payload.get("sid");
        if (sid == null || !sid.isTextual()) {
            throw new RejectedItemException("sid missing or not a string");
        }
        String value = sid.asText().toLowerCase(java.util.Locale.ROOT);
        if (!SID.matcher(value).matches()) {
            throw new RejectedItemException("sid is not a UUID (32 hex digits)");
        }
        return value.replace("-", "");
    }

    static String release(JsonNode attrs) {
        JsonNode release = attrs == null ? null : attrs.get("release");
        if (release == null || !release.isTextual()) {
            throw new RejectedItemException("attrs.release missing");
        }
        String problem = IngestRules.releaseProblem(release.asText());
        if (problem != null) {
            throw new RejectedItemException("release " + problem);
        }
        return release.asText();
    }

    /** The environment, or {@code null} when absent or invalid (Relay strips an invalid one and keeps the item). */
    static String environment(JsonNode attrs) {
        JsonNode env = attrs == null ? null : attrs.get("environment");
        if (env == null || !env.isTextual() || IngestRules.environmentProblem(env.asText()) != null) {
            return null;
        }
        return env.asText();
    }

    static Instant time(JsonNode payload, String field, Instant fallback) {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            if (fallback != null) {
                return fallback;
            }
            throw new RejectedItemException(field + " missing");
        }
        if (!node.isTextual()) {
            throw new RejectedItemException(field + " is not an RFC 3339 string");
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new RejectedItemException(field + " is not an RFC 3339 UTC timestamp: " + node.asText());
        }
    }

    static long count(JsonNode payload, String field) {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < 0) {
            throw new RejectedItemException(field + " is not a non-negative integer");
        }
        return node.asLong();
    }

    static void checkWindow(Instant started, Instant timestamp, Instant now) {
        if (timestamp.isBefore(started)) {
            throw new RejectedItemException("timestamp before started");
        }
        if (!IngestRules.inTimeWindow(started, timestamp, now)) {
            throw new RejectedItemException(started.isBefore(now.minus(IngestRules.MAX_AGE))
                    ? "started more than 5 days ago" : "timestamp more than 60 s in the future");
        }
    }
}
