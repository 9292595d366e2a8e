package dev.sessionhealth.internal.store;

import dev.sessionhealth.SessionStatus;
import dev.sessionhealth.internal.session.SessionAttributes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading the session journal's log back, as the sender thread does before each rewrite (and a start
 * does after a crash): a log of the size that triggers a rewrite (16 MiB) with {@code sessions}
 * open sessions, an activity record for each of them every second (what a journal with a one-second
 * activity window writes for sessions busy every second; the journal's 10-second window writes a
 * tenth of that, so the log here holds more activity records than a server's), and a steady 2.7 % of
 * new sessions a second (start, update, went out, accepted).
 *
 * <p>Single shots: in a server the fold runs once every few tens of seconds, so its code is seldom
 * compiled when it starts; the first iteration of each fork is that cold fold, the later ones show
 * the compiled code. Lives in the journal's package for its package-private reading methods.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar JournalFoldBenchmark -bm ss -wi 0 -i 8 -f 4</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class JournalFoldBenchmark {

    @Param("10000")
    int sessions;

    private Path dir;
    private SessionJournal journal;

    @Setup(Level.Trial)
    public void writeLog() throws IOException {
        dir = Files.createTempDirectory("sessionhealth-fold");
        journal = SessionJournal.open(dir);
        SessionAttributes attrs = new SessionAttributes("load@1.0.0", "production", null,
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
                "127.0.0.1");
        long t = 1_764_900_000_000L;
        for (int i = 0; i < sessions; i++) {
            String sid = sid(i);
            journal.start(sid, null, t, attrs);
            journal.update(sid, t, SessionStatus.OK, 0);
            journal.initAccepted(sid);
        }
        int second = 0;
        int fresh = sessions;
        while (journal.size() < 16L * 1024 * 1024) {
            second++;
            for (int i = 0; i < sessions; i++) {
                journal.activity(sid(i), t + second * 1000L);
            }
            for (int i = 0; i < sessions * 27 / 1000; i++) {
                String sid = sid(fresh++);
                journal.start(sid, null, t + second * 1000L, attrs);
                journal.update(sid, t + second * 1000L, SessionStatus.OK, 0);
                journal.wentOut(sid, true, false);
                journal.initAccepted(sid);
            }
            journal.commit();
        }
    }

    private static String sid(long i) {
        return String.format("%032x", i * 0x9E3779B97F4A7C15L >>> 1);
    }

    @Benchmark
    public SessionJournal.Fold fold() throws IOException {
        return journal.fold();
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        journal.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
