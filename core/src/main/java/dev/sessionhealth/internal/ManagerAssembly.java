package dev.sessionhealth.internal;

import dev.sessionhealth.BeforeSend;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.Transport;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.InstantSource;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Puts a manager together from options and collaborators, and starts it. */
public final class ManagerAssembly {

    private static final Logger LOG = System.getLogger("dev.sessionhealth");
    private static final AtomicInteger THREADS = new AtomicInteger();

    private ManagerAssembly() {
    }

    public static SessionManager assemble(SessionOptions options, InstantSource clock, Transport transport,
            ThreadFactory threadFactory, BeforeSend beforeSend) {
        return assemble(options, clock, transport, threadFactory, beforeSend, Backoff.standard());
    }

    /** As above, with the retry backoff after network failures (fault-injection tests shorten it). */
    public static SessionManager assemble(SessionOptions options, InstantSource clock, Transport transport,
            ThreadFactory threadFactory, BeforeSend beforeSend, Backoff backoff) {
        if (!options.enabled()) {
            LOG.log(Level.INFO, "sessionhealth: session tracking is disabled");
            return new NoOpSessionManager(options.release(), options.environment());
        }
        String release = options.release() != null ? options.release() : ReleaseDetector.detect();
        if (release == null) {
            LOG.log(Level.WARNING, "sessionhealth: no release configured (set SENTRY_RELEASE, the system property "
                    + "sessionhealth.release or the option 'release'); sessions are not tracked, since the ingest "
                    + "drops sessions without a release");
            return new NoOpSessionManager(null, options.environment());
        }
        if (options.dsn() == null && transport == null) {
            LOG.log(Level.WARNING, "sessionhealth: no DSN configured (set SENTRY_DSN, the system property "
                    + "sessionhealth.dsn or the option 'dsn'); sessions are not tracked");
            return new NoOpSessionManager(release, options.environment());
        }
        SessionOptions effective = options.release() != null ? options : options.toBuilder().release(release).build();
        String salt = effective.didSalt() != null ? effective.didSalt()
                : effective.dsn() != null ? Dsn.parse(effective.dsn()).publicKey() : "sessionhealth";
        Transport t = transport != null ? transport
                : new HttpTransport(Dsn.parse(effective.dsn()), effective.requestTimeout(), effective.compress(),
                        Sdk.NAME, Sdk.VERSION);
        ThreadFactory tf = threadFactory != null ? threadFactory : ManagerAssembly::senderThread;
        DiscardCounters discards = new DiscardCounters();
        UpdateQueue queue = new UpdateQueue(effective.queueCapacity(), discards);
        SessionTracker tracker = new SessionTracker(effective, clock, queue);
        RequestAggregator aggregator = new RequestAggregator(clock);
        SessionRenderer renderer = new SessionRenderer(new DidHasher(salt, effective.sendDefaultPii()));
        SessionSender sender = new SessionSender(effective, clock, queue, aggregator, t, discards, renderer,
                beforeSend, tf, backoff);
        DefaultSessionManager manager = new DefaultSessionManager(tracker, aggregator, queue, sender, discards, renderer);
        if (effective.persistence()) {
            keepJournal(manager, effective, renderer);
        }
        manager.start();
        return manager;
    }

    private static void keepJournal(DefaultSessionManager manager, SessionOptions options, SessionRenderer renderer) {
        java.nio.file.Path dir = StateDirectory.of(options);
        SessionJournal journal;
        try {
            journal = SessionJournal.open(dir);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "sessionhealth: cannot use " + dir + " for the session journal; sessions of a "
                    + "crashed process will not be reported as abnormal: " + e);
            return;
        }
        if (journal == null) {
            LOG.log(Level.WARNING, "sessionhealth: " + dir + " is in use by another process or manager; set a distinct "
                    + "'instance' or 'stateDirectory' for each; this one keeps no journal");
            return;
        }
        JournalKeeper keeper = new JournalKeeper(journal, manager.tracker(), renderer, manager::openSessions,
                options.journalInterval().toMillis());
        int recovered = keeper.recover();
        if (recovered > 0) {
            LOG.log(Level.INFO, "sessionhealth: reporting " + recovered + " sessions of a previous process as abnormal");
        }
        manager.addMaintenance(keeper::maintain);
        manager.afterClose(keeper::close);
    }

    private static Thread senderThread(Runnable r) {
        Thread t = new Thread(r, "sessionhealth-sender-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    }
}
