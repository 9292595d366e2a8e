package dev.sessionhealth.internal.session;

import dev.sessionhealth.SessionStorage;

/**
 * What a {@link SessionStorage} is inside: it opens the {@link SessionStore} of one manager, bound
 * to its tracker. A store shared by several nodes implements it in its own module.
 */
public interface StoreFactory extends SessionStorage {

    /** The store of the manager that {@code tracker} belongs to; closed with the manager. */
    SessionStore open(SessionTracker tracker);
}
