package dev.sessionhealth.benchmarks.load;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The server side of {@code benchmarks/load.sh}: one JVM, one embedded Jetty 12 (ee10) server and one
 * thread pool serving every variant to be compared, each on its own port on 127.0.0.1 and in its own
 * servlet context ({@link ServedVariant}), so that {@code load.sh} can load them one after the other,
 * interleaved, in the same process. Why one process: on a small machine the throughput of the
 * <em>same</em> variant differed by a factor of two from one JVM start to the next, far more than the
 * few per cent to be measured between variants; within one process they all run on the same JIT
 * output, heap and thread pool.
 *
 * <p>Makes each variant's users' cookies first (one file per variant, for the load generator), printing
 * {@code READY <spec> <port> <cookieFile>} for each (preceded by {@code SINK-AT <spec> <url>} for a peer
 * variant: where its sink's counts can be read) and then {@code READY-ALL}, and serves until the
 * process is terminated; then prints each manager's {@code STATS}, and what each ingest and sink
 * received in all ({@code STOPPED ...}, and {@code SINK <spec> after-close ...} once the peer's SDK has
 * flushed). With a single spec it serves that variant alone (for profiling one variant).
 *
 * <p>The contexts are tried in the order of the specs: a request on the k-th spec's port first fails
 * the virtual-host check of the k-1 contexts before it (a connector-name comparison each, tens of
 * nanoseconds). With {@code bare} listed first, that cost can only make the other variants look slower
 * than bare, never faster.
 *
 * <pre>java -cp benchmarks.jar dev.sessionhealth.benchmarks.load.LoadTarget USERS COOKIE_DIR SPEC...
 *     SPEC = bare | passthrough | passthroughSession | floor | bugsnag | sentry | (cookie|cookieNoJournal|shared|httpSession|request)[:healthy|:slow|:down]</pre>
 */
public final class LoadTarget {

    private LoadTarget() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: LoadTarget USERS COOKIE_DIR SPEC...  (SPEC: bare, passthrough, passthroughSession, floor, bugsnag, sentry, "
                    + "cookie, cookieNoJournal, shared, httpSession, request, the last five optionally :healthy, :slow or :down)");
            System.exit(2);
        }
        int users = Integer.parseInt(args[0]);
        Path cookieDir = Files.createDirectories(Path.of(args[1]));
        List<VariantSpec> specs = specs(List.of(args).subList(2, args.length));

        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("load-jetty");
        Server server = new Server(threads);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        server.setHandler(contexts);
        List<ServedVariant> variants = new ArrayList<>();
        for (VariantSpec spec : specs) {
            variants.add(ServedVariant.add(server, contexts, spec));
        }
        variants.forEach(ServedVariant::check);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, variants), "load-stop"));
        server.start();

        System.out.println("JVM availableProcessors=" + Runtime.getRuntime().availableProcessors() + " gc="
                + ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                        .collect(Collectors.joining(",")));
        for (ServedVariant variant : variants) {
            Path cookies = cookieDir.resolve(variant.spec().slug() + ".cookies");
            CookiePrimer.prime(variant.helloUri(), users, cookies);
            if (variant.sinkCountsUrl() != null) {
                System.out.println("SINK-AT " + variant.spec().text() + " " + variant.sinkCountsUrl());
            }
            System.out.println("READY " + variant.spec().text() + " " + variant.port() + " " + cookies);
            System.out.flush();
        }
        System.out.println("READY-ALL");
        System.out.flush();
        server.join();
    }

    private static List<VariantSpec> specs(List<String> texts) {
        Set<String> seen = new HashSet<>();
        List<VariantSpec> specs = new ArrayList<>();
        for (String text : texts) {
            if (!seen.add(text)) {
                throw new IllegalArgumentException("variant given twice: " + text);
            }
            specs.add(VariantSpec.parse(text));
        }
        return specs;
    }

    private static void stop(Server server, List<ServedVariant> variants) {
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("jetty stop: " + e);
        }
        variants.forEach(ServedVariant::printStats);
        System.out.flush();
        variants.forEach(ServedVariant::close);
        System.out.flush();
    }
}
