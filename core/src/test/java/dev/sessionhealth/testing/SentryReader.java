package dev.sessionhealth.testing;

import io.sentry.EnvelopeReader;
import io.sentry.JsonSerializer;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEnvelopeItem;
import io.sentry.SentryItemType;
import io.sentry.SentryOptions;
import io.sentry.Session;
import io.sentry.clientreport.ClientReport;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads what we send with the official {@code io.sentry:sentry} envelope reader. */
public final class SentryReader {

    private static final JsonSerializer SERIALIZER = new JsonSerializer(new SentryOptions());

    private SentryReader() {
    }

    public static SentryEnvelope read(byte[] envelope) {
        try {
            SentryEnvelope parsed = new EnvelopeReader(SERIALIZER).read(new ByteArrayInputStream(envelope));
            if (parsed == null) {
                throw new AssertionError("io.sentry could not read the envelope:\n"
                        + new String(envelope, StandardCharsets.UTF_8));
            }
            return parsed;
        } catch (java.io.IOException e) {
            throw new AssertionError("io.sentry could not read the envelope", e);
        }
    }

    public static List<Session> sessions(byte[] envelope) {
        List<Session> out = new ArrayList<>();
        for (SentryEnvelopeItem item : read(envelope).getItems()) {
            if (item.getHeader().getType() == SentryItemType.Session) {
                try {
                    Session s = SERIALIZER.deserialize(new InputStreamReader(
                            new ByteArrayInputStream(item.getData()), StandardCharsets.UTF_8), Session.class);
                    if (s == null) {
                        throw new AssertionError("io.sentry could not read a session item: "
                                + new String(item.getData(), StandardCharsets.UTF_8));
                    }
                    out.add(s);
                } catch (Exception e) {
                    throw new AssertionError("io.sentry could not read a session item", e);
                }
            }
        }
        return out;
    }

    public static List<ClientReport> clientReports(byte[] envelope) {
        List<ClientReport> out = new ArrayList<>();
        for (SentryEnvelopeItem item : read(envelope).getItems()) {
            if (item.getHeader().getType() == SentryItemType.ClientReport) {
                try {
                    out.add(item.getClientReport(SERIALIZER));
                } catch (Exception e) {
                    throw new AssertionError("io.sentry could not read a client report", e);
                }
            }
        }
        return out;
    }
}
