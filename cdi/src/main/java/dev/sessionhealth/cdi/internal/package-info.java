/**
 * The CDI module's implementation. At container start: {@code ManagerSource} and
 * {@code SettingsSource} find or create the manager and read the configuration. On request threads:
 * {@code JaxrsHook} (through {@code TrackingFilter} and {@code ExceptionCapture}) takes the servlet
 * filter's request tracking or counts the request itself, and classifies what a resource threw
 * ({@code Verdict}); {@code RequestAwareSessionManager} is the injected manager, bound to the
 * request's session. Everything they do to sessions goes through core's {@code RequestSessions}.
 */
package dev.sessionhealth.cdi.internal;
