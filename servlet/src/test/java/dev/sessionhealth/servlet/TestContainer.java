package dev.sessionhealth.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** An embedded servlet container serving one web application at {@code /shop} on 127.0.0.1. */
interface TestContainer extends AutoCloseable {

    /**
     * Starts the application; its initializers run in this order, as a container runs those it finds.
     *
     * @param docBase the application's root directory (for its manifest), or {@code null}
     * @return the application's base URI, ending with {@code /shop/}
     */
    URI start(List<ServletContainerInitializer> initializers, Path docBase) throws Exception;

    /** Stops the application (filters are destroyed) and the server. */
    @Override
    void close() throws Exception;
}
