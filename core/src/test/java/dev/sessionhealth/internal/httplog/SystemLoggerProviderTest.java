package dev.sessionhealth.internal.httplog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What HttpClient logs through SLF4J reaches System.Logger (here java.util.logging) under the same
 * name, formatted, with its level and exception; below the logger's level nothing is formatted.
 * In the jar both SLF4J and HttpClient are relocated; in this test SLF4J is the plain API, which
 * finds the same provider through the same services entry.
 */
class SystemLoggerProviderTest {

    @Test
    void slf4jCallsArriveInSystemLoggerWithLevelMessageAndException() {
        Logger jul = Logger.getLogger("dev.sessionhealth.test.httplog");
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(handler);
        jul.setUseParentHandlers(false);
        jul.setLevel(Level.INFO);
        try {
            org.slf4j.Logger log = LoggerFactory.getLogger("dev.sessionhealth.test.httplog");
            IllegalStateException failure = new IllegalStateException("refused");
            log.debug("not {}", "logged");
            log.warn("connection {} to {} failed", 7, "ingest", failure);
            log.error("gone");

            assertEquals(2, records.size(), records::toString);
            assertEquals(Level.WARNING, records.get(0).getLevel());
            assertEquals("connection 7 to ingest failed", records.get(0).getMessage());
            assertSame(failure, records.get(0).getThrown());
            assertEquals(Level.SEVERE, records.get(1).getLevel());
            assertEquals("gone", records.get(1).getMessage());
        } finally {
            jul.removeHandler(handler);
            jul.setUseParentHandlers(true);
            jul.setLevel(null);
        }
    }
}
