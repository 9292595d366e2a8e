package dev.sessionhealth;

import dev.sessionhealth.internal.ManagerAssembly;
import dev.sessionhealth.internal.send.Backoff;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Builds a {@link SessionManager} from options and its collaborators. {@link #build()} starts the
 * sender thread; when tracking is disabled, or no DSN or release is known, it returns a manager that
 * does nothing (after logging why once).
 */
public final class SessionManagerBuilder {

    private final SessionOptions options;
    /** {@code null}: the system clock. */
    private InstantSource clock;
    private Transport transport;
    private ThreadFactory threadFactory;
    private BeforeSend beforeSend;
    private SessionStorage storage;

    SessionManagerBuilder(SessionOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * The clock all session times come from (default the system clock, read per request through a
     * copy that ticks every 100 ms); tests give one they move.
     *
     * @throws NullPointerException if {@code value} is {@code null}
     */
    public SessionManagerBuilder clock(InstantSource value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /**
     * Delivers envelopes instead of the default HTTP transport to the DSN (which the manager makes, and
     * closes when it closes). The caller keeps ownership of a transport given here: the manager never
     * closes it, so close it after the manager. A request still in flight on it when the manager's
     * shutdown timeout ends is not aborted; the sender thread is interrupted and left to finish it.
     *
     * @param value the transport, or {@code null} (the default) for the HTTP transport to the DSN
     */
    public SessionManagerBuilder transport(Transport value) {
        this.transport = value;
        return this;
    }

    /**
     * Makes the manager's threads: the sender, and with the system clock the clock ticker. By default
     * (or {@code null}) daemon threads named {@code sessionhealth-sender-N} and {@code
     * sessionhealth-clock-N}. The threads are started by {@link #build()} and end when the manager closes.
     */
    public SessionManagerBuilder threadFactory(ThreadFactory value) {
        this.threadFactory = value;
        return this;
    }

    /**
     * Inspects, changes or drops each session update before it is sent, on the sender thread; see
     * {@link BeforeSend} for which fields of its result are used. Default (or {@code null}): none.
     */
    public SessionManagerBuilder beforeSend(BeforeSend value) {
        this.beforeSend = value;
        return this;
    }

    /**
     * Where the open user sessions live: {@code null} (the default) keeps them in this manager's memory;
     * a shared storage (for example {@code JCacheStorage} of the {@code sessionhealth-jcache} module)
     * lets several nodes serve one session each user.
     *
     * @throws IllegalArgumentException if {@code value} was not made by one of the library's modules
     */
    public SessionManagerBuilder storage(SessionStorage value) {
        if (value != null && !(value instanceof dev.sessionhealth.internal.session.StoreFactory)) {
            throw new IllegalArgumentException("storage: " + value.getClass().getName()
                    + " is not a storage made by a sessionhealth module");
        }
        this.storage = value;
        return this;
    }

    /**
     * Creates and starts the manager. When tracking is disabled, or neither a DSN nor a transport is
     * given, or no release is configured or found, the manager returned does nothing (and says why
     * once in the log). Each call makes and starts a new manager.
     */
    public SessionManager build() {
        return ManagerAssembly.assemble(options, clock, transport, threadFactory, beforeSend, Backoff.standard(),
                System::nanoTime, (dev.sessionhealth.internal.session.StoreFactory) storage);
    }
}
