package dev.sessionhealth.internal.session;

import dev.sessionhealth.SessionOptions;

/**
 * Makes the storage a {@code store} option names (registered in {@code META-INF/services} by the
 * module that implements it), so that a manager made from configuration gets it too.
 */
public interface StorageProvider {

    /** The {@code store} value it serves, for example {@code jcache}. */
    String name();

    /**
     * The storage {@code options} describe ({@code storeCache}, {@code storeProvider}, ...).
     *
     * @throws IllegalStateException if it cannot be made (no provider, no cache), saying why
     */
    StoreFactory create(SessionOptions options, ClassLoader loader);
}
