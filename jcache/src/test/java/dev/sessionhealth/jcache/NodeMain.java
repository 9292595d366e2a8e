package dev.sessionhealth.jcache;

import dev.sessionhealth.SessionOptions;
import java.time.Duration;
import java.time.InstantSource;

/**
 * A node in a process of its own, for the tests that kill one with -9: starts, prints
 * {@code READY <base URI>} and serves until it is killed.
 *
 * <p>Arguments: node name, cluster name, first Hazelcast port, DSN, and optionally how long requests
 * wait for the cache at most, and how long its sender batches updates, both in milliseconds.
 */
public final class NodeMain {

    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        long flush = args.length > 5 ? Long.parseLong(args[5]) : 200;
        SessionOptions options = SessionOptions.builder().dsn(args[3]).release("shop@1.0.0").persistence(false)
                .flushInterval(Duration.ofMillis(flush)).build();
        long timeout = args.length > 4 ? Long.parseLong(args[4]) : Node.PATIENT_MILLIS;
        Node node = Node.start(args[0], args[1], Integer.parseInt(args[2]), options, InstantSource.system(),
                Duration.ofSeconds(60), timeout);
        System.out.println("READY " + node.base);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
