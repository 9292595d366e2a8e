package dev.sessionhealth.jcache;

import java.io.Serializable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.Cache;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryUpdatedListener;

/**
 * Hands the cache's change events of session entries to the store that registered for them. A data
 * grid sends a listener's configuration to its other members, so what is registered is a small
 * serializable factory naming the store; a copy made in another process finds no store of that
 * name and ignores what it hears.
 */
final class ChangeListener implements CacheEntryCreatedListener<String, Object>,
        CacheEntryUpdatedListener<String, Object>, Serializable {

    private static final long serialVersionUID = 1L;
    private static final Map<String, JCacheSessionStore> STORES = new ConcurrentHashMap<>();

    private final String store;

    private ChangeListener(String store) {
        this.store = store;
    }

    /** A registration, undone by {@link #close}. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    static Registration register(Cache<String, Object> cache, JCacheSessionStore target) {
        String name = UUID.randomUUID().toString();
        STORES.put(name, target);
        MutableCacheEntryListenerConfiguration<String, Object> config = new MutableCacheEntryListenerConfiguration<>(
                new ListenerFactory(name), null, false, false);
        cache.registerCacheEntryListener(config);
        return () -> {
            STORES.remove(name);
            try {
                cache.deregisterCacheEntryListener(config);
            } catch (RuntimeException | Error ignored) { // the cache is closing too
            }
        };
    }

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Object>> events) {
        deliver(events);
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends Object>> events) {
        deliver(events);
    }

    private void deliver(Iterable<CacheEntryEvent<? extends String, ? extends Object>> events) {
        JCacheSessionStore target = STORES.get(store);
        if (target == null) {
            return;
        }
        for (CacheEntryEvent<? extends String, ? extends Object> e : events) {
            if (e.getValue() instanceof SharedSession s) {
                target.changed(e.getKey(), s);
            }
        }
    }

    /** Makes the listener of one store; serializable, as data grids require. */
    private record ListenerFactory(String store) implements Factory<CacheEntryListener<? super String, ? super Object>>,
            Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public CacheEntryListener<? super String, ? super Object> create() {
            return new ChangeListener(store);
        }
    }
}
