package dev.sessionhealth.benchmarks;

import dev.sessionhealth.Transport;
import java.util.concurrent.atomic.LongAdder;

/** Accepts every envelope without I/O, so a benchmark measures the library and not the network. */
final class DiscardingTransport implements Transport {

    final LongAdder bytes = new LongAdder();

    @Override
    public Response send(byte[] envelope) {
        bytes.add(envelope.length);
        return new Response(200, null, null);
    }
}
