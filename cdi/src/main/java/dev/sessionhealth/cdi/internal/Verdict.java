package dev.sessionhealth.cdi.internal;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.function.Function;

/**
 * What an exception thrown by a resource method means for the request's health, decided once the
 * runtime has mapped it to a response:
 * <ul>
 * <li>a response below 500 (the application mapped it to a client error): no change;</li>
 * <li>a 5xx response chosen by the application (its own exception mapper, or a
 *     {@link WebApplicationException} carrying the response): errored;</li>
 * <li>a 5xx response from the runtime's default mapping (no mapper of the application matched): crashed.</li>
 * </ul>
 */
enum Verdict {
    NONE, ERRORED, CRASHED;

    /**
     * Packages of JAX-RS runtimes: a mapper from here is the runtime's own handling, not the
     * application's (Jersey's and RESTEasy's {@code DefaultExceptionMapper} in particular).
     */
    private static final List<String> RUNTIME_PACKAGES = List.of("org.glassfish.jersey.", "org.jboss.resteasy.",
            "org.apache.cxf.", "io.openliberty.", "com.ibm.ws.", "io.quarkus.", "org.apache.tomee.");

    /**
     * @param thrown what the resource method threw, or {@code null}
     * @param status the status of the response the runtime produced
     * @param mappers the runtime's mapper lookup ({@code Providers::getExceptionMapper})
     */
    static Verdict of(Throwable thrown, int status, Function<Class<Throwable>, ExceptionMapper<?>> mappers) {
        if (thrown == null || status < 500) {
            return NONE;
        }
        if (thrown instanceof WebApplicationException) {
            return ERRORED;
        }
        @SuppressWarnings("unchecked")
        Class<Throwable> type = (Class<Throwable>) thrown.getClass();
        return isRuntimeDefault(mappers.apply(type)) ? CRASHED : ERRORED;
    }

    static boolean isRuntimeDefault(ExceptionMapper<?> mapper) {
        if (mapper == null) {
            return true;
        }
        String name = mapper.getClass().getName();
        for (String prefix : RUNTIME_PACKAGES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
