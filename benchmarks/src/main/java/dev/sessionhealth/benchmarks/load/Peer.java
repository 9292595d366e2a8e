package dev.sessionhealth.benchmarks.load;

import com.bugsnag.Bugsnag;
import io.sentry.Sentry;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer SDK behind one variant of the load test, set up as an application would set it up, sending
 * to its own {@link PeerSink} in this JVM:
 *
 * <ul>
 *   <li>{@code bugsnag}: bugsnag-java's client with session tracking on (its default delivery,
 *       asynchronous: a sender thread per client, sessions counted per minute and sent once a minute
 *       and at close), its {@code BugsnagServletRequestListener} on the variant's context starting a
 *       session per request ({@link LoadApp});
 *   <li>{@code sentry}: sentry-java initialised with a DSN pointing at the sink and a release, and a
 *       filter starting and ending a session per request on an isolation scope of the request's own
 *       ({@link LoadApp}); the SDK
 *       sends one envelope at each start and each end, through its default asynchronous transport.
 * </ul>
 *
 * Both SDKs are process-wide (Bugsnag's listener starts sessions on every Bugsnag client registered for
 * uncaught exceptions, Sentry is a static singleton): at most one variant of each per JVM, which the
 * load target's spec list guarantees (no spec twice, and the peers take no {@code :ingest}).
 *
 * <p>What the sink has received is at {@link #countsUrl()} while the target runs ({@code load.sh} reads it
 * after each run of the variant and before stopping the target, when it is what the peer sent while
 * serving); at the stop, after the SDK is closed (with what it flushed at close), the target prints it as
 * {@code SINK <spec> after-close <counts>}. Bugsnag's flush at close usually does not arrive: the target
 * is stopped by a signal, and bugsnag-java registers shutdown hooks of its own, one of which makes its
 * delivery refuse new sends; whichever runs first, the last minute's counts are then dropped. That is
 * bugsnag-java's behaviour at a JVM's exit, not the sink's.
 */
final class Peer implements AutoCloseable {

    /** The release (Sentry) and app version (Bugsnag) of the peers' sessions; ours uses the same. */
    static final String RELEASE = "load@1.0.0";

    private static final Pattern SESSIONS_STARTED = Pattern.compile("\"sessionsStarted\"\\s*:\\s*(\\d+)");
    private static final Pattern ITEM_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([a-z_]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z]+)\"");
    private static final Pattern INIT = Pattern.compile("\"init\"\\s*:\\s*true");
    private static final Pattern DISCARDED = Pattern.compile("\\{[^{}]*\"quantity\"[^{}]*\\}");
    private static final Pattern REASON = Pattern.compile("\"reason\"\\s*:\\s*\"([a-z_]+)\"");
    private static final Pattern CATEGORY = Pattern.compile("\"category\"\\s*:\\s*\"([a-z_]+)\"");
    private static final Pattern QUANTITY = Pattern.compile("\"quantity\"\\s*:\\s*(\\d+)");

    private final String spec;
    private final PeerSink sink;
    private final Runnable closeSdk;
    private final Runnable check;

    private Peer(String spec, PeerSink sink, Runnable closeSdk, Runnable check) {
        this.spec = spec;
        this.sink = sink;
        this.closeSdk = closeSdk;
        this.check = check;
    }

    /** Starts the variant's sink and its SDK client, sending to the sink. */
    static Peer start(VariantSpec spec) throws IOException {
        return switch (spec.variant()) {
            case BUGSNAG -> bugsnag(spec.text());
            case SENTRY -> sentry(spec.text());
            default -> throw new IllegalArgumentException(spec.text() + " is not a peer");
        };
    }

    private static Peer bugsnag(String spec) throws IOException {
        PeerSink sink = PeerSink.start(202, Peer::inspectBugsnag); // notify.bugsnag.com and sessions.bugsnag.com answer 202
        // sendUncaughtExceptions stays on (the default): BugsnagServletRequestListener finds the clients to
        // start sessions on through the JVM's default uncaught-exception handler that this installs
        Bugsnag bugsnag = new Bugsnag("0123456789abcdef0123456789abcdef");
        bugsnag.setEndpoints(sink.base() + "/notify", sink.base() + "/sessions");
        bugsnag.setAppVersion(RELEASE);
        bugsnag.setAutoCaptureSessions(true); // after setEndpoints, which turns it off without a sessions endpoint
        Runnable check = () -> {
            if (!Bugsnag.uncaughtExceptionClients().contains(bugsnag) || !bugsnag.shouldAutoCaptureSessions()) {
                throw new IllegalStateException("bugsnag: the client would not track sessions (another default"
                        + " uncaught-exception handler was installed after it, or session capture is off)");
            }
        };
        return new Peer(spec, sink, () -> {
            bugsnag.close(); // hands the last minutes' counts to the session delivery (refused if its hook ran)...
            bugsnag.getSessionDelivery().close(); // ...which close() leaves running: wait (up to 5 s) for it
        }, check);
    }

    private static Peer sentry(String spec) throws IOException {
        PeerSink sink = PeerSink.start(200, Peer::inspectSentry); // the SDK takes anything but 200 for a failure
        String dsn = sink.base().replace("http://", "http://publickey@") + "/1";
        Sentry.init(options -> {
            options.setDsn(dsn);
            options.setRelease(RELEASE);
            // its default uncaught-exception handler would take the place of Bugsnag's, through which the
            // bugsnag variant's listener finds its client; it plays no part in per-request sessions
            options.setEnableUncaughtExceptionHandler(false);
            // closed by the target once the server has stopped and before its sink closes, not by its own hook
            options.setEnableShutdownHook(false);
        });
        Runnable check = () -> {
            if (!Sentry.isEnabled()) {
                throw new IllegalStateException("sentry: the SDK is not enabled");
            }
        };
        return new Peer(spec, sink, () -> {
            Sentry.flush(5_000);
            Sentry.close();
        }, check);
    }

    /** Bugsnag's session payload: the per-minute counts of started sessions it carries. */
    private static void inspectBugsnag(String body, PeerSink sink) {
        Matcher m = SESSIONS_STARTED.matcher(body);
        while (m.find()) {
            sink.add("sessionsStarted", Long.parseLong(m.group(1)));
        }
    }

    /**
     * A Sentry envelope: its header line, then per item a header line and a one-line JSON payload. Counts
     * the items by type, the sessions by {@code init} and status, and what client reports say was dropped.
     */
    private static void inspectSentry(String body, PeerSink sink) {
        sink.add("envelopes", 1);
        String[] lines = body.split("\n");
        for (int i = 1; i + 1 < lines.length; i += 2) {
            Matcher type = ITEM_TYPE.matcher(lines[i]);
            if (!type.find()) {
                continue;
            }
            String payload = lines[i + 1];
            sink.add("item:" + type.group(1), 1);
            if (type.group(1).equals("session")) {
                if (INIT.matcher(payload).find()) {
                    sink.add("session:init", 1);
                }
                Matcher status = STATUS.matcher(payload);
                if (status.find()) {
                    sink.add("session:" + status.group(1), 1);
                }
            } else if (type.group(1).equals("client_report")) {
                Matcher d = DISCARDED.matcher(payload);
                while (d.find()) {
                    Matcher reason = REASON.matcher(d.group());
                    Matcher category = CATEGORY.matcher(d.group());
                    Matcher quantity = QUANTITY.matcher(d.group());
                    if (reason.find() && category.find() && quantity.find()) {
                        sink.add("dropped:" + reason.group(1) + ":" + category.group(1), Long.parseLong(quantity.group(1)));
                    }
                }
            }
        }
    }

    /** Fails if the SDK would not track sessions as set up; call once every variant is set up. */
    void check() {
        check.run();
    }

    /** Where {@code GET} answers what the sink has received so far, as one line of text. */
    String countsUrl() {
        return sink.base() + "/counts";
    }

    /** Closes the SDK (which flushes what it holds), prints what the sink received in all, closes the sink. */
    @Override
    public void close() {
        try {
            closeSdk.run();
        } catch (RuntimeException e) {
            System.err.println(spec + ": closing the SDK: " + e);
        }
        System.out.println("SINK " + spec + " after-close " + sink.countsLine());
        sink.close();
    }
}
