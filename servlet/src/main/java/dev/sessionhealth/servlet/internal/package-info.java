/**
 * The filter's implementation. At start-up (the container's deploying thread):
 * {@code ServletContextConfig} reads the configuration, {@code FilterSetup} builds the request path
 * for the configured mode. On request threads: {@code RequestAccounting} (exclusions, binding,
 * crashes), {@code RequestCompletion} (finishes a request once, also after async work), and one
 * {@code RequestMapper} per mode: {@code CookieSessionResolver} (with core's cookie format, shared
 * with the JAX-RS hook), {@code HttpSessionResolver} (with
 * {@code TrackedHttpSession}, which replication carries between nodes) and {@code RequestCounter}.
 * Everything they do to sessions goes through core's {@code RequestSessions}.
 */
package dev.sessionhealth.servlet.internal;
