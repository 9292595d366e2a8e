package dev.sessionhealth.jcache;

import dev.sessionhealth.SessionStorage;
import dev.sessionhealth.internal.session.SessionStore;
import dev.sessionhealth.internal.session.SessionTracker;
import dev.sessionhealth.internal.session.StoreFactory;
import java.time.Duration;
import java.util.Objects;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

/**
 * User sessions shared by every node that uses the same JCache cache (JSR-107: Hazelcast,
 * Infinispan, Payara's and Open Liberty's caches), so that a user has one session whichever node
 * serves each request: one {@code init}, one end, errors counted across nodes.
 *
 * <pre>{@code
 * Cache<String, Object> cache = JCacheStorage.cache(cacheManager);   // "sessionhealth", made if missing
 * SessionManager manager = SessionManager.builder(options)
 *         .storage(JCacheStorage.of(cache))
 *         .build();
 * }</pre>
 *
 * <p>Each node keeps a copy of the sessions it serves and writes to the cache only when a session
 * starts, records an error or ends, and with its last activity at most once per {@link #heartbeat
 * heartbeat}. A session lapses for the cluster when no node reported activity for the session
 * timeout plus one heartbeat.
 */
public final class JCacheStorage implements StoreFactory {

    /** The cache's name when {@link #cache(CacheManager)} makes it. */
    public static final String CACHE_NAME = "sessionhealth";
    static final long DEFAULT_TIMEOUT_MILLIS = 2_000;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(DEFAULT_TIMEOUT_MILLIS);

    private final Cache<String, Object> cache;
    private final Duration heartbeat;
    private final Duration timeout;
    /** The cache manager made from configuration, closed with the manager; {@code null} for the application's. */
    private final CacheManager owned;

    private JCacheStorage(Cache<String, Object> cache, Duration heartbeat, Duration timeout, CacheManager owned) {
        this.cache = cache;
        this.heartbeat = heartbeat;
        this.timeout = timeout;
        this.owned = owned;
    }

    /**
     * Sessions in {@code cache}, shared by every node that uses the same cache. The cache must keep
     * entries until they are removed (no expiry, no eviction: an evicted session would never end) and
     * store by value; {@link #cache(CacheManager)} makes one so.
     */
    public static JCacheStorage of(Cache<String, Object> cache) {
        return new JCacheStorage(Objects.requireNonNull(cache, "cache"), Duration.ofMinutes(1), DEFAULT_TIMEOUT,
                null);
    }

    /**
     * How often at most a node writes a session's last activity to the cache (default one minute):
     * shorter is more precise (a session's end is timed within one heartbeat of its last request)
     * and costs one cache write per active session per heartbeat on each node that serves it.
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public JCacheStorage heartbeat(Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("heartbeat must be positive, not " + value);
        }
        return new JCacheStorage(cache, value, timeout, owned);
    }

    /**
     * How long a request waits at most for the cache (default {@value #DEFAULT_TIMEOUT_MILLIS} ms).
     * A call that takes longer, or fails, takes the node offline: it stops calling the cache from
     * requests, keeps the sessions it starts meanwhile to itself, and goes back to the cache once it
     * answers again (see the class's description). Set it above the grid's slowest normal answer: a
     * node that goes offline without need splits the users it starts meanwhile from the cluster.
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public JCacheStorage timeout(Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + value);
        }
        return new JCacheStorage(cache, heartbeat, value, owned);
    }

    /**
     * The cache named {@value #CACHE_NAME} of {@code manager}, made with the configuration the
     * storage needs (entries kept until removed, stored by value) if it does not exist.
     */
    public static Cache<String, Object> cache(CacheManager manager) {
        return cache(manager, CACHE_NAME);
    }

    /** As {@link #cache(CacheManager)}, for the cache {@code name}. */
    public static Cache<String, Object> cache(CacheManager manager, String name) {
        Cache<String, Object> existing = manager.getCache(name, String.class, Object.class);
        if (existing != null) {
            return existing;
        }
        MutableConfiguration<String, Object> config = new MutableConfiguration<String, Object>()
                .setTypes(String.class, Object.class)
                .setStoreByValue(true);
        try {
            return manager.createCache(name, config);
        } catch (javax.cache.CacheException raced) { // another node of this JVM made it meanwhile
            Cache<String, Object> made = manager.getCache(name, String.class, Object.class);
            if (made == null) {
                throw raced;
            }
            return made;
        }
    }

    /** The storage the {@code store*} options describe, on a cache manager it owns. */
    static JCacheStorage fromOptions(dev.sessionhealth.SessionOptions options, ClassLoader loader) {
        javax.cache.spi.CachingProvider provider;
        try {
            provider = options.storeProvider() == null ? javax.cache.Caching.getCachingProvider(loader)
                    : javax.cache.Caching.getCachingProvider(options.storeProvider(), loader);
        } catch (javax.cache.CacheException e) {
            throw new IllegalStateException("sessionhealth: store=jcache found no usable JCache provider"
                    + (options.storeProvider() == null ? " (set storeProvider when there are several)"
                            : " named " + options.storeProvider()) + ": " + e.getMessage(), e);
        }
        java.net.URI uri = options.storeConfig() == null ? provider.getDefaultURI()
                : java.net.URI.create(options.storeConfig());
        CacheManager manager = provider.getCacheManager(uri, loader);
        return new JCacheStorage(cache(manager, options.storeCache()), options.storeHeartbeat(),
                options.storeTimeout(), manager);
    }

    @Override
    public SessionStore open(SessionTracker tracker) {
        return new JCacheSessionStore(cache, tracker, heartbeat.toMillis(), timeout.toMillis(), owned);
    }

    @Override
    public String toString() {
        return "the JCache cache '" + cache.getName() + "' (" + cache.getCacheManager().getCachingProvider()
                .getClass().getName() + "), heartbeat " + heartbeat + ", timeout " + timeout;
    }
}
