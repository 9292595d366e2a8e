package dev.sessionhealth.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The warnings (and errors) the library logs while a test runs: {@code System.Logger} writes to
 * java.util.logging here, under {@code dev.sessionhealth}. {@link #start()} before, {@link #close()}
 * after.
 */
public final class LogCapture implements AutoCloseable {

    /** Held strongly: java.util.logging keeps loggers only weakly. */
    private final Logger library = Logger.getLogger("dev.sessionhealth");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                records.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.library.addHandler(capture.handler);
        return capture;
    }

    /** The messages of the warnings and errors so far, with their causes. */
    public List<String> warnings() {
        return records.stream().map(r -> r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown())).toList();
    }

    @Override
    public void close() {
        library.removeHandler(handler);
    }
}
