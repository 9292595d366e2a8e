package dev.sessionhealth.jcache;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.cache.Cache;

/** Counts the calls a store makes on its cache, by method, to measure what the cluster costs. */
final class CacheCalls {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    Cache<String, Object> counting(Cache<String, Object> cache) {
        return (Cache<String, Object>) Proxy.newProxyInstance(Cache.class.getClassLoader(), new Class<?>[] {Cache.class},
                (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), k -> new LongAdder()).increment();
                    try {
                        return method.invoke(cache, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
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
