package dev.sessionhealth.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sessionhealth.Session;
import dev.sessionhealth.SessionStatus;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The open sessions of this process, written to disk from time to time, so that after the JVM dies
 * (kill -9, OOM, power loss) the next start can report each of them once as {@code abnormal}. A clean
 * shutdown ends the sessions and deletes the journal, so it is never mistaken for a crash. The
 * directory is locked while a process uses it: a second process on the same directory gets no journal.
 */
public final class SessionJournal implements AutoCloseable {

    private static final JsonFactory JSON = JsonFactories.create();
    private static final String FILE = "open-sessions.jsonl";

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private SessionJournal(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens and locks the directory; {@code null} if another process (or manager) holds it. */
    public static SessionJournal open(Path dir) throws IOException {
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return null;
            }
            return new SessionJournal(dir, channel, lock);
        } catch (OverlappingFileLockException e) {
            channel.close();
            return null;
        }
    }

    /** The sessions a previous process left open, as it last wrote them; empty after a clean shutdown. */
    public List<Session> leftovers() throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Session> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                Session s = parse(line);
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** Replaces the journal with these open sessions (atomically: a crash mid-write keeps the old one). */
    public void write(Iterable<Session> open) throws IOException {
        Path tmp = dir.resolve(FILE + ".tmp");
        // one buffered generator for all lines: a generator and two system calls per session made
        // this take seconds of the sender thread for a million open sessions
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024);
                JsonGenerator g = JSON.createGenerator(out)) {
            g.setRootValueSeparator(null);
            for (Session s : open) {
                writeLine(g, s);
            }
        }
        try {
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes the journal: nothing is open (clean shutdown, or leftovers handed on). */
    public void clear() throws IOException {
        Files.deleteIfExists(dir.resolve(FILE));
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }

    /** The update that reports a journaled session as abnormal, timed at its last activity. */
    public static Session abnormal(Session open, Instant now) {
        return new Session(open.sid(), open.did(), open.init(), now.toEpochMilli(), open.started(), open.timestamp(),
                open.duration(), SessionStatus.ABNORMAL, open.errors(), open.release(), open.environment(),
                open.userAgent(), open.ipAddress(), null);
    }

    private static void writeLine(JsonGenerator g, Session s) throws IOException {
        g.writeStartObject();
        g.writeStringField("sid", s.sid());
        g.writeStringField("did", s.did());
        g.writeBooleanField("init", s.init());
        g.writeNumberField("started", s.started().toEpochMilli());
        g.writeNumberField("timestamp", s.timestamp().toEpochMilli());
        g.writeNumberField("errors", s.errors());
        g.writeStringField("release", s.release());
        g.writeStringField("environment", s.environment());
        g.writeStringField("user_agent", s.userAgent());
        g.writeStringField("ip_address", s.ipAddress());
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static Session parse(String line) {
        Map<String, Object> f = new HashMap<>();
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                f.put(name, switch (t) {
                    case VALUE_NUMBER_INT -> p.getLongValue();
                    case VALUE_TRUE -> Boolean.TRUE;
                    case VALUE_FALSE -> Boolean.FALSE;
                    case VALUE_NULL -> null;
                    default -> p.getText();
                });
            }
        } catch (IOException | RuntimeException e) {
            return null; // a torn or foreign line: skip it rather than fail the start-up
        }
        if (!(f.get("sid") instanceof String sid) || !(f.get("started") instanceof Long started)
                || !(f.get("timestamp") instanceof Long timestamp) || !(f.get("release") instanceof String release)) {
            return null;
        }
        Instant s = Instant.ofEpochMilli(started);
        Instant t = Instant.ofEpochMilli(Math.max(started, timestamp));
        int errors = f.get("errors") instanceof Long n ? n.intValue() : 0;
        return new Session(sid, (String) f.get("did"), Boolean.TRUE.equals(f.get("init")), t.toEpochMilli(), s, t,
                Duration.between(s, t), SessionStatus.OK, errors, release, (String) f.get("environment"),
                (String) f.get("user_agent"), (String) f.get("ip_address"), null);
    }
}
