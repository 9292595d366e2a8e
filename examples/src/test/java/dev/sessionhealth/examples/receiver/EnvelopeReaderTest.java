package dev.sessionhealth.examples.receiver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EnvelopeReaderTest {

    private final EnvelopeReader reader = new EnvelopeReader(new ObjectMapper());
    private final Instant now = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void splitsItemsByTheirByteLengthEvenWithMultiByteCharactersAndNewlinesInside() {
        String tricky = "{\"note\":\"caf\u00e9 \u2013 \ud83d\ude80\",\"x\":\"a\\nb\"}\n{\"still\":\"the same payload\"}";
        byte[] body = Envelopes.sentAt(now).item("attachment", tricky).item("session", "{}").bytes();

        Envelope envelope = reader.read(body);

        assertEquals(2, envelope.items().size());
        assertArrayEquals(tricky.getBytes(StandardCharsets.UTF_8), envelope.items().get(0).payload());
        assertEquals("session", envelope.items().get(1).type());
        assertEquals(now.toString(), envelope.header().get("sent_at"));
    }

    @Test
    void readsAnItemWithoutLengthUpToTheNextNewline() {
        byte[] body = Envelopes.sentAt(now).itemWithoutLength("client_report", "{\"a\":1}").item("session", "{}").bytes();

        Envelope envelope = reader.read(body);

        assertEquals("{\"a\":1}", new String(envelope.items().get(0).payload(), StandardCharsets.UTF_8));
        assertEquals(2, envelope.items().size());
    }

    @Test
    void aLengthCountedInCharactersInsteadOfBytesMakesTheEnvelopeMalformed() {
        String payload = "{\"release\":\"caf\u00e9\"}";
        byte[] body = Envelopes.sentAt(now).itemWithLength("session", payload, payload.length()).bytes();

        MalformedEnvelopeException e = assertThrows(MalformedEnvelopeException.class, () -> reader.read(body));
        assertEquals(true, e.getMessage().contains("wrong length"), e.getMessage());
    }

    @Test
    void aLengthPastTheEndIsMalformed() {
        byte[] body = Envelopes.sentAt(now).itemWithLength("session", "{}", 500).bytes();

        assertThrows(MalformedEnvelopeException.class, () -> reader.read(body));
    }

    @Test
    void aHeaderThatIsNotJsonIsMalformed() {
        byte[] body = "not json\n{\"type\":\"session\",\"length\":2}\n{}\n".getBytes(StandardCharsets.UTF_8);

        assertThrows(MalformedEnvelopeException.class, () -> reader.read(body));
    }
}
