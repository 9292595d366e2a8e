package dev.sessionhealth.benchmarks;

import dev.sessionhealth.Session;
import dev.sessionhealth.SessionStatus;
import dev.sessionhealth.internal.wire.EnvelopeWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Envelope encoding throughput: session updates per second, 100 per envelope, with and without gzip. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class EnvelopeBenchmark {

    private final EnvelopeWriter writer = new EnvelopeWriter("sessionhealth.java", "bench");
    private final List<Session> sessions = new ArrayList<>();

    @Setup
    public void setUp() {
        Instant started = Instant.parse("2026-11-28T10:15:02.117Z");
        for (int i = 0; i < EnvelopeWriter.MAX_SESSION_ITEMS; i++) {
            Instant ts = started.plusSeconds(i);
            sessions.add(new Session(UUID.randomUUID().toString().replace("-", ""),
                    i % 2 == 0 ? "3f1c0d2e4b5a69788796a5b4c3d2e1f0" : null, i % 3 == 0, ts.toEpochMilli(), started, ts,
                    Duration.between(started, ts), i % 10 == 0 ? SessionStatus.EXITED : SessionStatus.OK, i % 4,
                    "shop@2.4.1", "production", null, null, null));
        }
    }

    @Benchmark
    @OperationsPerInvocation(EnvelopeWriter.MAX_SESSION_ITEMS)
    public byte[] encode() {
        writer.begin(Instant.now());
        for (Session s : sessions) {
            writer.session(s);
        }
        return writer.toByteArray();
    }

    @Benchmark
    @OperationsPerInvocation(EnvelopeWriter.MAX_SESSION_ITEMS)
    public byte[] encodeAndGzip() throws IOException {
        byte[] raw = encode();
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }
}
