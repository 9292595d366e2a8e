package dev.sessionhealth.internal.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;

/**
 * Jackson factories that keep no {@link ThreadLocal}: Jackson's default buffer pool is one per
 * thread, and the threads that write a journal or an envelope at start and stop are the
 * container's, which outlive the web application. Their thread-locals would keep its class loader
 * (through the pooled buffers' class) after an undeploy. A pool per factory holds the same buffers.
 */
public final class JsonFactories {

    private JsonFactories() {
    }

    public static JsonFactory create() {
        return JsonFactory.builder().recyclerPool(JsonRecyclerPools.newConcurrentDequePool()).build();
    }
}
