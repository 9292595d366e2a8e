package dev.sessionhealth.internal.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sessionhealth.SessionStatus;
import dev.sessionhealth.internal.session.SessionAttributes;
import dev.sessionhealth.internal.wire.JsonFactories;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The write-ahead log of this instance's sessions: every start, update and end is appended before
 * it is sent, the activity of an open session when a request hands it over and then at most once per
 * activity window, and what the ingest
 * accepted is appended after its answer. After the JVM dies (kill -9, out of memory, power loss) the
 * next start {@linkplain #fold() folds} the log and delivers what the ingest has not accepted: an
 * end that was recorded is sent as recorded, a session that never ended is sent {@code abnormal} at
 * its last activity, and {@code init:true} goes along until the ingest accepted it.
 *
 * <p>Records are JSON lines with a kind {@code k}: {@code s} (start: sid, did, started, attributes),
 * {@code u} (update: time, status, errors), {@code a} (activity: time), {@code i} (the ingest accepted
 * the start), {@code o} (an envelope with the start or the end went out; its answer is awaited),
 * {@code r} (that envelope was not taken: sent again), {@code d} (done: the end was accepted, or given up and counted), {@code x} (the latest
 * state was evicted from memory and lives only here). A torn last line (the process died while
 * writing) is skipped. The log is rewritten with only the unfinished sessions when it grows
 * ({@link #rewrite}). The directory is locked while a process uses it. Sender thread only.
 */
public final class SessionJournal implements AutoCloseable {

    static final String FILE = "sessions.log";
    private static final JsonFactory JSON = JsonFactories.create();
    /** The log is rewritten once it is this large and twice the size it had after the last rewrite. */
    private static final long MIN_COMPACT_BYTES = 16L * 1024 * 1024;

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(16 * 1024);
    private final JsonGenerator out;
    /**
     * A stream, not a {@link FileChannel}: a channel closes itself when the thread writing it is
     * interrupted, and the sender thread is interrupted to cut a hanging request short on shutdown.
     */
    private FileOutputStream log;
    private long size;
    private long sizeAfterRewrite;
    private long lastSyncNanos = System.nanoTime();
    /** How often, at most, committed records are forced to the device. */
    static final long SYNC_INTERVAL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    private SessionJournal(Path dir, FileChannel lockChannel, FileLock lock) throws IOException {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.out = JSON.createGenerator((OutputStream) buffer);
        out.setRootValueSeparator(null);
        openLog();
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
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The locked state directory this journal lives in. */
    public Path directory() {
        return dir;
    }

    private void openLog() throws IOException {
        Path file = dir.resolve(FILE);
        log = new FileOutputStream(file.toFile(), true);
        size = Files.size(file);
    }

    /** Appends a start: everything that stays fixed for the session. */
    void start(String sid, String did, long startedMillis, SessionAttributes a) throws IOException {
        begin("s", sid);
        out.writeStringField("did", did);
        out.writeNumberField("started", startedMillis);
        out.writeStringField("release", a.release());
        out.writeStringField("environment", a.environment());
        out.writeStringField("ua", a.userAgent());
        out.writeStringField("ip", a.ipAddress());
        finish();
    }

    /** Appends an update about to be sent: its time, status and error count. */
    void update(String sid, long timestampMillis, SessionStatus status, int errors) throws IOException {
        begin("u", sid);
        out.writeNumberField("t", timestampMillis);
        out.writeStringField("status", status.wireName());
        out.writeNumberField("errors", errors);
        finish();
    }

    /** Appends the session's last activity so far. */
    void activity(String sid, long seenMillis) throws IOException {
        // the most frequent record: written by hand, in the form the generator writes
        out.writeRaw("{\"k\":\"a\",\"sid\":\"");
        out.writeRaw(sid);
        out.writeRaw("\",\"t\":");
        out.writeRaw(Long.toString(seenMillis));
        out.writeRaw("}\n");
    }

    /** The ingest accepted the session's start (or may have: see the delivery's unknown outcomes). */
    void initAccepted(String sid) throws IOException {
        begin("i", sid);
        finish();
    }

    /**
     * An envelope carrying the session's start ({@code init}) or end ({@code end}) went out whole and
     * its answer is awaited. Unless {@link #notDelivered} follows, the next start takes them as
     * delivered: the ingest may have counted them.
     */
    void wentOut(String sid, boolean init, boolean end) throws IOException {
        begin("o", sid);
        if (init) {
            out.writeNumberField("init", 1);
        }
        if (end) {
            out.writeNumberField("end", 1);
        }
        finish();
    }

    /** The envelope of the session's last {@link #wentOut} was answered without being taken: sent again. */
    void notDelivered(String sid) throws IOException {
        begin("r", sid);
        finish();
    }

    /** Nothing more will be sent for the session: its end was accepted, or given up and counted. */
    void done(String sid) throws IOException {
        begin("d", sid);
        finish();
    }

    /** The session's latest state, standing for {@code updates} recorded updates, now lives only here. */
    void evicted(String sid, long updates) throws IOException {
        begin("x", sid);
        out.writeNumberField("n", updates);
        finish();
    }

    private void begin(String kind, String sid) throws IOException {
        out.writeStartObject();
        out.writeStringField("k", kind);
        out.writeStringField("sid", sid);
    }

    private void finish() throws IOException {
        out.writeEndObject();
        out.writeRaw('\n');
    }

    /** Whether records wait to be committed. */
    boolean hasUncommitted() throws IOException {
        out.flush();
        return buffer.size() > 0;
    }

    /**
     * Writes what was appended since the last commit: one write for everything recorded in this pass
     * (a group commit). Once written, it survives the process (kill -9, a crash of the JVM): the
     * operating system has it. It is forced to the device at most once per {@link #SYNC_INTERVAL_NANOS}
     * (a sync per commit cost more of the sender's time than everything else it does), so a power
     * loss can lose about the last second.
     */
    void commit() throws IOException {
        out.flush();
        if (buffer.size() == 0) {
            return;
        }
        int n = buffer.size();
        buffer.writeTo(log);
        buffer.reset();
        size += n;
        long now = System.nanoTime();
        if (now - lastSyncNanos >= SYNC_INTERVAL_NANOS) {
            log.getFD().sync();
            lastSyncNanos = now;
        }
    }

    /** Drops what was appended since the last commit (it could not be written). */
    void discardUncommitted() throws IOException {
        out.flush();
        buffer.reset();
    }

    /** Whether the log grew enough since its last rewrite to be worth rewriting. */
    boolean wantsRewrite() {
        return size >= MIN_COMPACT_BYTES && size >= 2 * sizeAfterRewrite;
    }

    /** Reads the log: every session it mentions, as its records add up; torn or foreign lines are counted. */
    Fold fold() throws IOException {
        commit();
        Fold fold = new Fold();
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return fold;
        }
        try (InputStream in = Files.newInputStream(file)) {
            JournalLines.read(in, fold);
        }
        fold.settleUnanswered();
        return fold;
    }

    /**
     * Replaces the log with these sessions (atomically: a crash mid-write keeps the old one). Nothing
     * may be uncommitted. Each session is written as a start, its latest update, and its acceptance
     * and eviction marks.
     */
    void rewrite(Iterable<JournaledSession> sessions) throws IOException {
        commit();
        Path tmp = dir.resolve(FILE + ".tmp");
        try (FileOutputStream next = new FileOutputStream(tmp.toFile(), false)) {
            for (JournaledSession s : sessions) {
                start(s.sid, s.did, s.startedMillis, new SessionAttributes(s.release, s.environment, null,
                        s.userAgent, s.ipAddress));
                update(s.sid, s.seenMillis, s.status, s.errors);
                if (s.initAccepted) {
                    initAccepted(s.sid);
                }
                if (s.evicted) {
                    evicted(s.sid, s.evictedUpdates);
                }
                if (buffer.size() > 64 * 1024) {
                    drainTo(next);
                }
            }
            drainTo(next);
            next.getFD().sync();
        }
        log.close();
        try {
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
        }
        openLog();
        sizeAfterRewrite = size;
    }

    private void drainTo(OutputStream next) throws IOException {
        out.flush();
        buffer.writeTo(next);
        buffer.reset();
    }

    /** Bytes in the log. */
    long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        try {
            commit();
            log.getFD().sync();
            log.close();
            if (size == 0) {
                Files.deleteIfExists(dir.resolve(FILE));
            }
        } finally {
            try {
                lock.release();
            } finally {
                lockChannel.close();
            }
        }
    }

    /**
     * A line read with a JSON parser: the starts, whose strings may hold escapes, and any line that
     * {@link JournalLines} does not recognise as written by this class. False if it is not a record
     * of a session the log started (torn, foreign, or of an unknown kind).
     */
    static boolean applyParsed(Fold fold, String line) {
        fold.parsedLines++;
        Map<String, Object> f = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                f.put(name, switch (t) {
                    case VALUE_NUMBER_INT -> p.getLongValue();
                    case VALUE_NULL -> null;
                    case START_OBJECT, START_ARRAY -> throw new IOException("unexpected structure");
                    default -> p.getText();
                });
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                return false; // torn: the process died while writing this line
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        if (!(f.get("k") instanceof String kind) || !(f.get("sid") instanceof String sid) || sid.length() != 32) {
            return false;
        }
        if (kind.equals("s")) {
            return f.get("started") instanceof Long started && f.get("release") instanceof String release
                    && fold.started(sid, (String) f.get("did"), started, release, (String) f.get("environment"),
                            (String) f.get("ua"), (String) f.get("ip"));
        }
        JournaledSession s = fold.sessions.get(sid);
        if (s == null) {
            return false; // no start before it: not ours, or written by a rewrite that was cut short
        }
        switch (kind) {
            case "u" -> {
                SessionStatus status = f.get("status") instanceof String w ? statusOf(w) : null;
                if (!(f.get("t") instanceof Long t) || status == null || !(f.get("errors") instanceof Long n)) {
                    return false;
                }
                s.updated(t, status, n);
            }
            case "a" -> {
                if (!(f.get("t") instanceof Long t)) {
                    return false;
                }
                s.active(t);
            }
            case "i" -> s.initAccepted = true;
            case "o" -> s.wentOut(Long.valueOf(1).equals(f.get("init")), Long.valueOf(1).equals(f.get("end")));
            case "r" -> s.notDelivered();
            case "d" -> fold.sessions.remove(sid);
            case "x" -> s.evicted(f.get("n") instanceof Long n ? n : 1);
            default -> {
                return false;
            }
        }
        return true;
    }

    static SessionStatus statusOf(String wire) {
        for (SessionStatus s : SessionStatus.values()) {
            if (s.wireName().equals(wire)) {
                return s;
            }
        }
        return null;
    }

    /** What the log says, session by session (only sessions not yet done). */
    static final class Fold {
        final Map<String, JournaledSession> sessions = new LinkedHashMap<>();
        long skippedLines;
        /** Lines read with the JSON parser ({@link #applyParsed}); the others were read by {@link JournalLines}. */
        long parsedLines;

        private boolean started(String sid, String did, long started, String release, String environment,
                String userAgent, String ipAddress) {
            JournaledSession s = new JournaledSession();
            s.sid = sid;
            s.did = did;
            s.startedMillis = started;
            s.seenMillis = started;
            s.release = release;
            s.environment = environment;
            s.userAgent = userAgent;
            s.ipAddress = ipAddress;
            s.status = SessionStatus.OK;
            // a second start of one sid (a rewrite after a crash mid-rename) keeps what was known
            JournaledSession known = sessions.putIfAbsent(sid, s);
            return known == null || known.startedMillis == started;
        }

        /**
         * What went out in an envelope whose answer the log does not have (the process died waiting
         * for it) is taken as delivered: a start is not sent again, an end leaves nothing to send.
         */
        void settleUnanswered() {
            for (java.util.Iterator<JournaledSession> it = sessions.values().iterator(); it.hasNext(); ) {
                JournaledSession s = it.next();
                if (s.wentOutEnd) {
                    it.remove();
                } else if (s.wentOutInit) {
                    s.initAccepted = true;
                    s.wentOutInit = false;
                }
            }
        }
    }

    /** One session as the log describes it. */
    static final class JournaledSession {
        String sid;
        String did;
        long startedMillis;
        String release;
        String environment;
        String userAgent;
        String ipAddress;
        long seenMillis;
        SessionStatus status;
        int errors;
        boolean initAccepted;
        /** The start or the end went out in an envelope whose answer is not in the log (yet). */
        boolean wentOutInit;
        boolean wentOutEnd;
        boolean evicted;
        long evictedUpdates;

        boolean ended() {
            return status != SessionStatus.OK;
        }

        /** A {@code u} record: the update's time counts as activity, its errors never go down. */
        void updated(long t, SessionStatus status, long errors) {
            seenMillis = Math.max(seenMillis, t);
            this.status = status;
            this.errors = (int) Math.max(this.errors, errors);
            evicted = false;
        }

        /** An {@code a} record. */
        void active(long t) {
            seenMillis = Math.max(seenMillis, t);
        }

        /** An {@code o} record. */
        void wentOut(boolean init, boolean end) {
            wentOutInit |= init;
            wentOutEnd |= end;
        }

        /** An {@code r} record. */
        void notDelivered() {
            wentOutInit = false;
            wentOutEnd = false;
        }

        /** An {@code x} record. */
        void evicted(long updates) {
            evicted = true;
            evictedUpdates = updates;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %s errors=%d init=%s", sid.substring(0, 8), status, errors,
                    !initAccepted);
        }
    }
}
