package dev.sessionhealth.internal.store;

import dev.sessionhealth.DiscardReason;
import dev.sessionhealth.internal.DiscardCounters;
import dev.sessionhealth.internal.wire.JsonFactories;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Envelope items that could not be delivered yet, kept on disk in arrival order so they survive an
 * outage and a restart. Each file holds the items of one envelope without its header: the header,
 * with {@code sent_at}, is written anew when the items are finally sent. Bounded in files, bytes and
 * age; what falls out is counted as {@code cache_overflow}. Sender thread only.
 *
 * <p>File names are {@code <epochMillis>-<sequence>-<sessionCount>.items}, so the oldest sorts first and
 * the number of session updates inside is known without reading the file.
 */
public final class Outbox {

    private static final String SUFFIX = ".items";
    private static final com.fasterxml.jackson.core.JsonFactory HEADERS = JsonFactories.create();

    private final Path dir;
    private final int maxFiles;
    private final long maxBytes;
    private final Duration maxAge;
    private final InstantSource clock;
    private final DiscardCounters discards;
    private long sequence;
    private volatile long storedSessions;
    /** Kept as files come and go, so a store lists the directory only when a bound is crossed. */
    private int storedFiles;
    private long storedBytes;

    /** An envelope's items waiting on disk. */
    public record Entry(Path file, long storedMillis, int sessions) {
    }

    public Outbox(Path dir, int maxFiles, long maxBytes, Duration maxAge, InstantSource clock,
            DiscardCounters discards) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.maxFiles = maxFiles;
        this.maxBytes = maxBytes;
        this.maxAge = maxAge;
        this.clock = clock;
        this.discards = discards;
        List<Entry> found = entries();
        this.storedSessions = found.stream().mapToLong(Entry::sessions).sum();
        this.storedFiles = found.size();
        for (Entry e : found) {
            storedBytes += Files.size(e.file());
            // a new instance in the same millisecond as the last store still sorts after it
            sequence = Math.max(sequence, sequenceOf(e) + 1);
        }
    }

    private static long sequenceOf(Entry e) {
        String[] parts = e.file().getFileName().toString().split("-");
        try {
            return Long.parseLong(parts[1]);
        } catch (RuntimeException malformed) {
            return 0;
        }
    }

    /** Session updates waiting on disk; readable from any thread. */
    public long storedSessions() {
        return storedSessions;
    }

    /** Whether any entry waits (aggregates stand for no session update, so this is not storedSessions() > 0). */
    public boolean hasEntries() {
        return storedFiles > 0;
    }

    /** Stores one envelope's items (holding {@code sessions} session updates), evicting the oldest beyond the bounds. */
    public void store(byte[] items, int sessions) throws IOException {
        String name = clock.millis() + "-" + String.format("%09d", sequence++ % 1_000_000_000) + "-" + sessions + SUFFIX;
        Path tmp = dir.resolve(name + ".tmp");
        Files.write(tmp, items);
        try {
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        storedSessions += sessions;
        storedFiles++;
        storedBytes += items.length;
        if (storedFiles > maxFiles || storedBytes > maxBytes) {
            enforceBounds();
        }
    }

    /** The oldest entry still within the age bound, or {@code null}; expired ones are removed and counted. */
    public Entry oldest() throws IOException {
        for (Entry e : entries()) {
            if (clock.millis() - e.storedMillis() > maxAge.toMillis()) {
                drop(e);
            } else {
                return e;
            }
        }
        return null;
    }

    /** The entry's items; an {@link IOException} if they are not envelope items (a damaged file). */
    public byte[] read(Entry entry) throws IOException {
        byte[] items = Files.readAllBytes(entry.file());
        checkItems(items);
        return items;
    }

    /**
     * Walks the items as an envelope reader would: each a one-line JSON header with a {@code type} and
     * the payload's {@code length} in bytes, the payload, a newline. A file that is anything else was
     * damaged (a disk error, a foreign writer) and must not reach the ingest.
     */
    static void checkItems(byte[] items) throws IOException {
        int at = 0;
        if (items.length == 0) {
            throw new IOException("an empty outbox entry");
        }
        while (at < items.length) {
            int end = indexOf(items, (byte) '\n', at);
            if (end < 0) {
                throw new IOException("an outbox entry ends inside an item header");
            }
            long length = headerLength(new String(items, at, end - at, java.nio.charset.StandardCharsets.UTF_8));
            at = end + 1;
            if (length < 0 || at + length > items.length) {
                throw new IOException("an outbox entry's item is shorter than its header says");
            }
            at += (int) length;
            if (at < items.length) {
                if (items[at] != '\n') {
                    throw new IOException("an outbox entry's item does not end where its header says");
                }
                at++;
            }
        }
    }

    private static long headerLength(String header) throws IOException {
        try (com.fasterxml.jackson.core.JsonParser p = HEADERS.createParser(header)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                throw new IOException("an outbox entry's item header is not a JSON object");
            }
            String type = null;
            long length = -1;
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = p.currentName();
                com.fasterxml.jackson.core.JsonToken t = p.nextToken();
                if (name.equals("type") && t == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                    type = p.getText();
                } else if (name.equals("length") && t == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT) {
                    length = p.getLongValue();
                } else {
                    p.skipChildren();
                }
            }
            if (type == null || length < 0 || p.nextToken() != null) {
                throw new IOException("an outbox entry's item header has no type or length");
            }
            return length;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("an outbox entry's item header is not JSON", e);
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Removes a delivered (or finally rejected) entry. */
    public void remove(Entry entry) throws IOException {
        long size = sizeOf(entry);
        if (Files.deleteIfExists(entry.file())) {
            forget(entry, size);
        }
    }

    boolean isEmpty() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            return !files.iterator().hasNext();
        }
    }

    /** Session updates waiting on disk. */
    long sessionCount() throws IOException {
        return entries().stream().mapToLong(Entry::sessions).sum();
    }

    List<Entry> entries() throws IOException {
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                Entry e = parse(f);
                if (e != null) {
                    out.add(e);
                }
            }
        }
        out.sort(Comparator.comparing(e -> e.file().getFileName().toString()));
        return out;
    }

    /** Drops the oldest entries (never the newest) until the files and bytes are within bounds. */
    private void enforceBounds() throws IOException {
        List<Entry> all = entries();
        for (int i = 0; i < all.size() - 1 && (storedFiles > maxFiles || storedBytes > maxBytes); i++) {
            drop(all.get(i));
        }
    }

    /** Removes an entry that will never be delivered, counting it as {@code cache_overflow}. */
    public void drop(Entry e) throws IOException {
        long size = sizeOf(e);
        if (Files.deleteIfExists(e.file())) {
            forget(e, size);
            discards.add(DiscardReason.CACHE_OVERFLOW, e.sessions());
        }
    }

    private void forget(Entry e, long size) {
        storedSessions -= e.sessions();
        storedFiles--;
        storedBytes -= size;
    }

    private static long sizeOf(Entry e) throws IOException {
        try {
            return Files.size(e.file());
        } catch (java.nio.file.NoSuchFileException gone) {
            return 0;
        }
    }

    private static Entry parse(Path f) {
        String name = f.getFileName().toString();
        String[] parts = name.substring(0, name.length() - SUFFIX.length()).split("-");
        if (parts.length != 3) {
            return null;
        }
        try {
            return new Entry(f, Long.parseLong(parts[0]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
