package dev.sessionhealth.internal;

import dev.sessionhealth.Session;
import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionStats;
import dev.sessionhealth.SessionStatus;
import dev.sessionhealth.internal.send.SessionSender;
import dev.sessionhealth.internal.session.RequestAggregator;
import dev.sessionhealth.internal.session.SessionRegistry;
import dev.sessionhealth.internal.session.SessionState;
import dev.sessionhealth.internal.session.SessionStore;
import dev.sessionhealth.internal.session.SessionTracker;
import dev.sessionhealth.internal.session.UpdateQueue;
import dev.sessionhealth.internal.wire.IngestRules;
import dev.sessionhealth.internal.wire.SessionRenderer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The manager: binds callers to their current session, and wires tracker, registry, aggregator,
 * queue and sender together. Integrations go through {@link RequestSessions}.
 */
public final class DefaultSessionManager implements SessionManager {

    private final SessionTracker tracker;
    private final SessionStore registry;
    private final RequestAggregator aggregator;
    private final UpdateQueue queue;
    private final SessionSender sender;
    private final DiscardCounters discards;
    private final SessionRenderer renderer;
    private final Duration shutdownTimeout;
    private final LocalBinding local = new LocalBinding();
    /**
     * Each thread's binding slot: a one-element {@code Object[]}, made on the thread's first binding.
     * Its element is set only inside bindings and always restored when they end, so a container
     * thread between requests keeps an array of the JDK's class holding {@code null}, nothing of the
     * application (a plain {@code ThreadLocal}, which the thread references weakly): an undeployed
     * application's class loader can be collected. One thread-local lookup per binding, where
     * setting and restoring the value itself took three.
     */
    private final ThreadLocal<Object[]> bound = new ThreadLocal<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Scope clearScope = () -> bound.get()[0] = null;
    private final java.util.List<Runnable> afterClose = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final java.util.concurrent.atomic.LongAdder storageFailures;
    private final RequestSessions requestSessions;

    DefaultSessionManager(SessionTracker tracker, RequestAggregator aggregator, UpdateQueue queue,
            SessionSender sender, DiscardCounters discards, SessionRenderer renderer,
            java.util.concurrent.atomic.LongAdder storageFailures, SessionStore store) {
        this.storageFailures = storageFailures;
        this.tracker = tracker;
        this.registry = store == null ? new SessionRegistry(tracker) : store;
        this.aggregator = aggregator;
        this.queue = queue;
        this.sender = sender;
        this.discards = discards;
        this.renderer = renderer;
        this.shutdownTimeout = tracker.options().shutdownTimeout();
        sender.addMaintenance(registry::sweep);
        this.requestSessions = new RequestSessions(this);
    }

    /** The seam the integrations use ({@link RequestSessions#of}). */
    RequestSessions requestSessions() {
        return requestSessions;
    }

    void start() {
        sender.start();
    }

    public SessionTracker tracker() {
        return tracker;
    }

    public SessionStore registry() {
        return registry;
    }

    public RequestAggregator aggregator() {
        return aggregator;
    }

    /** Updates recorded and not yet taken from the queue by the sender thread. */
    public int queued() {
        return queue.size();
    }

    /** Runs {@code task} at the end of {@link #close()}, after the sender stopped. */
    void afterClose(Runnable task) {
        afterClose.add(task);
    }

    /** The sessions open now: the registry's and the manager's own. */
    java.util.List<SessionState> openSessions() {
        java.util.List<SessionState> open = registry.openSessions();
        SessionState own = local.current();
        if (own != null && own.isOpen()) {
            open.add(own);
        }
        return open;
    }

    /** Adds a task that runs on the sender thread every second and before each flush. */
    void addMaintenance(Runnable task) {
        sender.addMaintenance(task);
    }

    /**
     * Makes {@code binding} the current one for this thread until the returned scope is closed; the
     * previous binding (usually none) is restored then, so no request's binding outlives the call.
     * Restoring "none" sets {@code null} in the thread's slot rather than removing it: cheaper per
     * request, and a slot holding {@code null} keeps nothing alive.
     */
    public Scope bind(SessionBinding binding) {
        Object[] slot = slot();
        Object previous = slot[0];
        slot[0] = binding;
        return previous == null ? clearScope : () -> slot[0] = previous;
    }

    /**
     * This thread's binding slot, for a caller that binds around its own {@code try}/{@code finally}
     * with one thread-local lookup in all: {@code previous = RequestSessions.enter(slot, request)}, and
     * {@code RequestSessions.leave(slot, previous)} when the call is over, on this thread.
     */
    public Object[] slot() {
        Object[] slot = bound.get();
        if (slot == null) {
            slot = new Object[1];
            bound.set(slot);
        }
        return slot;
    }

    /** Renders a live state for reading (not sending). */
    Session snapshot(SessionState state) {
        return renderer.render(state.peek(tracker.nowMillis()));
    }

    @Override
    public Session startSession(SessionContext context) {
        SessionContext ctx = context == null ? SessionContext.EMPTY : context;
        if (ctx.release() != null) {
            IngestRules.checkRelease(ctx.release());
        }
        if (ctx.environment() != null) {
            IngestRules.checkEnvironment(ctx.environment());
        }
        if (closed.get()) {
            return snapshot(tracker.create(ctx, null, null)); // an unsent placeholder: nothing starts after close
        }
        SessionState next = binding().restart(tracker, ctx);
        return snapshot(next);
    }

    @Override
    public void endSession() {
        captureSession(true);
    }

    @Override
    public void captureSession(boolean end) {
        SessionState state = binding().current();
        if (state == null) {
            return;
        }
        if (end) {
            binding().end(tracker, state);
        } else {
            tracker.capture(state);
        }
    }

    @Override
    public Optional<Session> currentSession() {
        SessionState state = binding().current();
        if (state == null) {
            return Optional.empty();
        }
        if (!state.announced() && !closed.get()) {
            // the application saw it: it exists from now on, whatever the request does next
            state = binding().announce(tracker, state);
        }
        return Optional.of(snapshot(state));
    }

    @Override
    public void recordError(boolean handled) {
        binding().recordError(tracker, handled);
    }

    @Override
    public SessionStats stats() {
        return new SessionStats(tracker.startedCount(), queue.recorded(), sender.sentCount(), sender.pendingCount(),
                discards.totals(), aggregator.recorded(), sender.unconfirmedCount(), sender.unconfirmedEnvelopes(),
                storageFailures.sum(), tracker.endedCounts(), tracker.errorCount(), openCount(),
                sender.storedCount(), sender.deliveryStatus());
    }

    /** How many sessions are open now, counted without copying them (see {@link #openSessions()}). */
    long openCount() {
        SessionState own = local.current();
        return registry.openCount() + (own != null && own.isOpen() ? 1 : 0);
    }

    @Override
    public boolean isEnabled() {
        return true;
    }

    @Override
    public boolean flush(Duration timeout) {
        return sender.flush(Math.max(0, timeout.toMillis()));
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        registry.endAll();
        registry.close();
        SessionState own = local.current();
        if (own != null) {
            tracker.endAtLastActivity(own, SessionStatus.EXITED);
        }
        sender.stop(shutdownTimeout.toMillis());
        afterClose.forEach(Runnable::run);
    }

    private SessionBinding binding() {
        Object[] slot = bound.get();
        Object b = slot == null ? null : slot[0];
        return b != null ? (SessionBinding) b : local;
    }

    /** A binding scope; closing it never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
