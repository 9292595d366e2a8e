package dev.sessionhealth.internal;

import dev.sessionhealth.BeforeSend;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.Transport;
import dev.sessionhealth.internal.send.Backoff;
import dev.sessionhealth.internal.send.PendingUpdates;
import dev.sessionhealth.internal.send.SessionSender;
import dev.sessionhealth.internal.session.CoarseClock;
import dev.sessionhealth.internal.session.RequestAggregator;
import dev.sessionhealth.internal.session.SessionStore;
import dev.sessionhealth.internal.session.SessionTracker;
import dev.sessionhealth.internal.session.SessionUpdate;
import dev.sessionhealth.internal.session.StorageProvider;
import dev.sessionhealth.internal.session.StoreFactory;
import dev.sessionhealth.internal.session.UpdateQueue;
import dev.sessionhealth.internal.store.DeliveryJournal;
import dev.sessionhealth.internal.store.JournalKeeper;
import dev.sessionhealth.internal.store.Outbox;
import dev.sessionhealth.internal.store.SessionJournal;
import dev.sessionhealth.internal.wire.DidHasher;
import dev.sessionhealth.internal.wire.Dsn;
import dev.sessionhealth.internal.wire.HttpTransport;
import dev.sessionhealth.internal.wire.SessionRenderer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** Puts a manager together from options and collaborators, and starts it. */
public final class ManagerAssembly {

    private static final Logger LOG = System.getLogger("dev.sessionhealth");
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Outbox bounds: about a day of a busy service's updates, and younger than the ingest's 5-day window. */
    private static final int OUTBOX_MAX_FILES = 2_000;
    private static final long OUTBOX_MAX_BYTES = 50L * 1024 * 1024;
    private static final java.time.Duration OUTBOX_MAX_AGE = java.time.Duration.ofDays(4);
    /** How many default state directories an instance tries before it keeps no journal. */
    private static final int STATE_DIRECTORY_SIBLINGS = 8;

    private ManagerAssembly() {
    }

    /**
     * @param clock the clock of all session times, or {@code null} for the system clock (read per
     *     request through a {@link CoarseClock})
     * @param transport the caller's transport, which stays the caller's to close, or {@code null} for
     *     an {@link HttpTransport} to the DSN, which the manager closes
     */
    public static SessionManager assemble(SessionOptions options, InstantSource clock, Transport transport,
            ThreadFactory threadFactory, BeforeSend beforeSend) {
        return assemble(options, clock, transport, threadFactory, beforeSend, Backoff.standard());
    }

    /** As above, with the retry backoff after network failures (fault-injection tests shorten it). */
    public static SessionManager assemble(SessionOptions options, InstantSource clock, Transport transport,
            ThreadFactory threadFactory, BeforeSend beforeSend, Backoff backoff) {
        return assemble(options, clock, transport, threadFactory, beforeSend, backoff, System::nanoTime, null);
    }

    /**
     * As above, with the monotonic ticker the sender measures its schedule on: the flush interval, the
     * backoff's waits, the maintenance tick. {@link System#nanoTime} but in tests, which move their
     * own ticker to show when something is sent without waiting for it.
     */
    public static SessionManager assemble(SessionOptions options, InstantSource clock, Transport transport,
            ThreadFactory threadFactory, BeforeSend beforeSend, Backoff backoff, LongSupplier nanoTime) {
        return assemble(options, clock, transport, threadFactory, beforeSend, backoff, nanoTime, null);
    }

    /**
     * As above, with where the open user sessions live ({@code null}: this manager's memory). With a
     * shared storage, the journal of open sessions is not kept: the storage outlives this process,
     * and the nodes that go on end its sessions (unsent updates are still kept on disk).
     */
    public static SessionManager assemble(SessionOptions options, InstantSource clock, Transport transport,
            ThreadFactory threadFactory, BeforeSend beforeSend, Backoff backoff, LongSupplier nanoTime,
            StoreFactory storage) {
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
        if (storage == null && !"memory".equals(effective.store())) {
            storage = storage(effective);
        }
        String salt = effective.didSalt() != null ? effective.didSalt()
                : effective.dsn() != null ? Dsn.parse(effective.dsn()).publicKey() : "sessionhealth";
        Transport t = transport != null ? transport
                : new HttpTransport(Dsn.parse(effective.dsn()), effective.requestTimeout(), effective.compress(),
                        Sdk.NAME, Sdk.VERSION);
        ThreadFactory tf = threadFactory != null ? threadFactory : r -> daemon(r, "sessionhealth-sender-");
        DiscardCounters discards = new DiscardCounters();
        UpdateQueue queue = new UpdateQueue(effective.queueCapacity(), discards);
        // the system clock, read per request through a ticking copy; a given clock (tests) is read directly
        CoarseClock coarse = clock != null ? null
                : CoarseClock.start(InstantSource.system(), threadFactory != null ? threadFactory
                        : r -> daemon(r, "sessionhealth-clock-"));
        InstantSource precise = clock != null ? clock : InstantSource.system();
        InstantSource perRequest = coarse != null ? coarse : clock;
        SessionRenderer renderer = new SessionRenderer(new DidHasher(salt, effective.sendDefaultPii()));
        LongAdder storageFailures = new LongAdder();
        SessionJournal journal = effective.persistence() ? openJournal(effective) : null;
        Outbox outbox = journal == null ? null : openOutbox(journal.directory(), precise, discards);
        // with a shared storage a node's open sessions are not its own to end as abnormal after a crash
        JournalKeeper keeper = journal == null || storage != null ? null
                : new JournalKeeper(journal, renderer, storageFailures, discards);
        SessionTracker tracker = new SessionTracker(effective, precise, perRequest, queue,
                keeper == null ? null : keeper.activitySink());
        RequestAggregator aggregator = new RequestAggregator(perRequest);
        SessionStore store = storage == null ? null : storage.open(tracker);
        // only a transport made here is closed with the manager: one passed in belongs to the caller
        SessionSender sender = new SessionSender(effective, precise, queue, aggregator, t, transport == null, discards,
                renderer, beforeSend, tf, backoff, nanoTime, outbox, keeper,
                store == null ? DeliveryJournal.NONE : settledStarts(store));
        DefaultSessionManager manager = new DefaultSessionManager(tracker, aggregator, queue, sender, discards, renderer,
                storageFailures, store);
        if (keeper != null) {
            manager.addMaintenance(keeper::maintain);
            if (sender.recoveredCount() > 0) {
                LOG.log(Level.INFO, "sessionhealth: delivering " + sender.recoveredCount() + " sessions a previous "
                        + "process left undelivered (those it did not end as abnormal)");
            }
        }
        if (coarse != null) {
            manager.afterClose(coarse::stop);
        }
        manager.start();
        return manager;
    }

    /**
     * Tells {@code store} of the updates the sender settled (accepted, or maybe, or refused for good),
     * of those whose envelope went out, and of those it keeps to send again.
     */
    private static DeliveryJournal settledStarts(SessionStore store) {
        return new DeliveryJournal() {
            @Override
            public void wentOut(List<PendingUpdates.Entry> entries) {
                store.wentOut(updates(entries));
            }

            @Override
            public void accepted(List<PendingUpdates.Entry> entries) {
                store.settled(updates(entries));
            }

            @Override
            public void givenUp(List<PendingUpdates.Entry> entries) {
                store.settled(updates(entries));
            }

            @Override
            public void kept(List<PendingUpdates.Entry> entries) {
                store.kept(updates(entries));
            }

            private List<SessionUpdate> updates(List<PendingUpdates.Entry> entries) {
                List<SessionUpdate> updates = new ArrayList<>(entries.size());
                for (PendingUpdates.Entry e : entries) {
                    updates.add(e.update());
                }
                return updates;
            }
        };
    }

    /**
     * The storage the {@code store} option names, from the module that provides it.
     *
     * @throws IllegalStateException if that module is missing or cannot make it
     */
    private static StoreFactory storage(SessionOptions options) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ManagerAssembly.class.getClassLoader();
        }
        for (ClassLoader l : new ClassLoader[] {loader, ManagerAssembly.class.getClassLoader()}) {
            for (StorageProvider p : java.util.ServiceLoader.load(StorageProvider.class, l)) {
                if (p.name().equals(options.store())) {
                    StoreFactory made = p.create(options, l);
                    LOG.log(Level.INFO, "sessionhealth: user sessions are shared through " + made);
                    return made;
                }
            }
        }
        throw new IllegalStateException("sessionhealth: store=" + options.store() + " needs the sessionhealth-"
                + options.store() + " module on the class path of the application");
    }

    /**
     * Locks this instance's state directory; {@code null} (after one warning) if it cannot be used.
     * When the default directory is held by another process (two instances of one application on
     * a host: same DSN, same instance name), the next free sibling ({@code -2}, {@code -3}, ...) is
     * taken, so no two processes ever share one; a configured {@code stateDirectory} is used as is.
     */
    private static SessionJournal openJournal(SessionOptions options) {
        java.nio.file.Path base = StateDirectory.of(options);
        int tries = options.stateDirectory() == null ? STATE_DIRECTORY_SIBLINGS : 1;
        for (int i = 1; i <= tries; i++) {
            java.nio.file.Path dir = i == 1 ? base : base.resolveSibling(base.getFileName() + "-" + i);
            try {
                SessionJournal journal = SessionJournal.open(dir);
                if (journal != null) {
                    if (i > 1) {
                        LOG.log(Level.INFO, "sessionhealth: " + base + " is in use by another process, so this one "
                                + "keeps its state in " + dir);
                    }
                    return journal;
                }
            } catch (java.io.IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "sessionhealth: cannot use " + dir + " for state; no abnormal-exit detection "
                        + "and no outbox: " + e);
                return null;
            }
        }
        LOG.log(Level.WARNING, "sessionhealth: " + base + (tries > 1 ? " and its " + (tries - 1) + " siblings are" : " is")
                + " in use by other processes or managers; give each a distinct 'instance' or 'stateDirectory'; this "
                + "one keeps no journal and no outbox");
        return null;
    }

    private static Outbox openOutbox(java.nio.file.Path stateDirectory, InstantSource clock, DiscardCounters discards) {
        java.nio.file.Path dir = stateDirectory.resolve("outbox");
        try {
            return new Outbox(dir, OUTBOX_MAX_FILES, OUTBOX_MAX_BYTES, OUTBOX_MAX_AGE, clock, discards);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "sessionhealth: cannot use " + dir + " as outbox; undelivered updates are kept "
                    + "in memory only: " + e);
            return null;
        }
    }

    private static Thread daemon(Runnable r, String prefix) {
        Thread t = new Thread(r, prefix + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    }
}
