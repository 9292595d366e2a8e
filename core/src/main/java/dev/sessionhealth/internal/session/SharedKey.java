package dev.sessionhealth.internal.session;

/**
 * A store key that means the same on every node (a checked cookie, whose id every node with the same
 * cookie key accepts), so a store shared by several nodes can find the session under it. Keys that
 * are not shared (an HTTP session's, unless the container replicates it) stay on their node.
 */
public interface SharedKey {

    /** The key's text in a shared store: equal exactly when the keys are equal. */
    String sharedId();
}
