package dev.sessionhealth.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.DiscardReason;
import dev.sessionhealth.internal.DiscardCounters;
import dev.sessionhealth.testing.MovableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock();
    private final DiscardCounters discards = new DiscardCounters();

    private Outbox outbox(int maxFiles, long maxBytes) throws Exception {
        return new Outbox(dir, maxFiles, maxBytes, Duration.ofDays(4), clock, discards);
    }

    @Test
    void entriesComeBackOldestFirstAndSurviveANewInstance() throws Exception {
        Outbox first = outbox(100, 1 << 20);
        first.store(bytes("one"), 1);
        clock.advance(Duration.ofMillis(5));
        first.store(bytes("two"), 2);

        Outbox afterRestart = outbox(100, 1 << 20);
        Outbox.Entry oldest = afterRestart.oldest();
        assertArrayEquals(bytes("one"), afterRestart.read(oldest));
        assertEquals(1, oldest.sessions());
        afterRestart.remove(oldest);
        assertArrayEquals(bytes("two"), afterRestart.read(afterRestart.oldest()));
        assertEquals(2, afterRestart.sessionCount());
    }

    @Test
    void beyondTheFileBoundTheOldestFallsOutAndIsCounted() throws Exception {
        Outbox outbox = outbox(2, 1 << 20);
        outbox.store(bytes("a"), 3);
        outbox.store(bytes("b"), 4);
        outbox.store(bytes("c"), 5);
        assertEquals(9, outbox.sessionCount());
        assertEquals(3L, discards.totals().get(DiscardReason.CACHE_OVERFLOW));
    }

    @Test
    void theBoundsCountDeliveredEntriesOutAndFilesFoundAtStartIn() throws Exception {
        int size = bytes("aaaaaaaaaa").length;
        Outbox outbox = outbox(3, 2L * size + size / 2); // two entries fit, three do not
        outbox.store(bytes("aaaaaaaaaa"), 1);
        outbox.store(bytes("bbbbbbbbbb"), 1);
        outbox.remove(outbox.oldest()); // delivered: room for one more file and ten more bytes
        outbox.store(bytes("cccccccccc"), 1);
        assertEquals(2, outbox.sessionCount());
        assertEquals(null, discards.totals().get(DiscardReason.CACHE_OVERFLOW), "nothing had to go");

        Outbox afterRestart = outbox(3, 2L * size + size / 2); // finds 2 files
        afterRestart.store(bytes("dddddddddd"), 1); // a third: the oldest goes
        assertEquals(1L, discards.totals().get(DiscardReason.CACHE_OVERFLOW));
        assertArrayEquals(bytes("cccccccccc"), afterRestart.read(afterRestart.oldest()));
        assertEquals(2, afterRestart.sessionCount());
        assertEquals(2, afterRestart.storedSessions());
    }

    @Test
    void beyondTheByteBoundTheOldestFallsOutButTheNewestStays() throws Exception {
        Outbox outbox = outbox(100, bytes("0123456789").length); // room for one entry
        outbox.store(bytes("0123456789"), 1);
        outbox.store(bytes("abcdefghij"), 1);
        assertArrayEquals(bytes("abcdefghij"), outbox.read(outbox.oldest()));
        assertEquals(1L, discards.totals().get(DiscardReason.CACHE_OVERFLOW));
    }

    @Test
    void entriesOlderThanTheAgeBoundAreDroppedAndCounted() throws Exception {
        Outbox outbox = outbox(100, 1 << 20);
        outbox.store(bytes("old"), 7);
        clock.advance(Duration.ofDays(4).plusMinutes(1));
        assertNull(outbox.oldest());
        assertTrue(outbox.isEmpty());
        assertEquals(7L, discards.totals().get(DiscardReason.CACHE_OVERFLOW));
    }

    /** One envelope item as the sender writes it: a header line with the payload's length, the payload. */
    private static byte[] bytes(String payload) {
        return ("{\"type\":\"session\",\"length\":" + payload.getBytes(StandardCharsets.UTF_8).length + "}\n"
                + payload + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDamagedEntryIsRefusedWhenRead() throws Exception {
        Outbox outbox = outbox(100, 1 << 20);
        for (String damaged : List.of("not an item", "{\"type\":\"session\",\"length\":99}\nshort\n",
                "{\"length\":3}\nabc\n", "{\"type\":\"session\",\"length\":3}\nabcd\n", "")) {
            outbox.store(damaged.getBytes(StandardCharsets.UTF_8), 1);
            Outbox.Entry entry = outbox.oldest();
            assertThrows(java.io.IOException.class, () -> outbox.read(entry), damaged);
            outbox.remove(entry);
        }
        outbox.store(bytes("{}"), 1);
        assertArrayEquals(bytes("{}"), outbox.read(outbox.oldest()), "a sound entry reads back whole");
    }
}
