package dev.sessionhealth.cdi.contract;

import java.net.URI;
import java.util.Map;

/** One runtime (JAX-RS implementation + CDI on a servlet container) serving the test application. */
public interface AppServer extends AutoCloseable {

    /** Starts the application under {@code /api} with these context-params; throws if deployment fails. */
    interface Starter {
        AppServer start(Map<String, String> contextParams, Map<String, Object> contextAttributes) throws Exception;
    }

    /** The application's base URI, ending with {@code /api/}. */
    URI base();

    /** Stops the web application (which closes a manager the CDI module created) and the server. */
    @Override
    void close() throws Exception;
}
