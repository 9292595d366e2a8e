package dev.sessionhealth.jcache;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.cache.Cache;

/**
 * Counts the calls a store makes on its cache, by method, to measure what the cluster costs; and can
 * hold its entry processors, as a grid that hangs does, either before they reach the cache (they run
 * when released) or after (they ran, and the answer comes when released).
 */
final class CacheCalls {

    /** Where a held entry processor waits. */
    enum Hold { BEFORE, AFTER }

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private volatile Hold hold;
    private volatile java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(0);
    private final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();

    @SuppressWarnings("unchecked")
    Cache<String, Object> counting(Cache<String, Object> cache) {
        return (Cache<String, Object>) Proxy.newProxyInstance(Cache.class.getClassLoader(), new Class<?>[] {Cache.class},
                (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), k -> new LongAdder()).increment();
                    Hold now = method.getName().equals("invoke") ? hold : null;
                    java.util.concurrent.CountDownLatch until = released;
                    if (now != null) {
                        held.incrementAndGet();
                    }
                    if (now == Hold.BEFORE) {
                        until.await();
                    }
                    try {
                        return method.invoke(cache, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (now == Hold.AFTER) {
                            until.await();
                        }
                    }
                });
    }

    /** From now on, entry processors wait where {@code where} says until {@link #release()}. */
    void hold(Hold where) {
        released = new java.util.concurrent.CountDownLatch(1);
        hold = where;
    }

    /** Lets every held entry processor go on, and holds none any more. */
    void release() {
        hold = null;
        released.countDown();
    }

    /** How many entry processors were held so far. */
    int held() {
        return held.get();
    }

    /** Calls by method name. */
    Map<String, Long> byMethod() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    long total() {
        return calls.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
