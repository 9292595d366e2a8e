/**
 * The implementation's wiring and its seam to the integrations; the rest lives in sub-packages by the
 * thread that runs it.
 *
 * <ul>
 *   <li><b>Wiring</b> (the thread that creates or closes the manager): {@code ManagerAssembly},
 *       {@code DefaultSessionManager}, {@code NoOpSessionManager}, {@code StateDirectory},
 *       {@code ReleaseDetector}, {@code ManifestRelease}, {@code TrackingMode}.
 *   <li><b>The seam to the integrations</b> (request threads): {@code RequestSessions} is all the
 *       servlet filter, the JAX-RS hook and the Spring Boot starter use; {@code RequestTracking} is one
 *       request's view, {@code SessionBinding}/{@code LocalBinding} where a caller's current session lives.
 *   <li><b>Shared by every thread</b>: {@code DiscardCounters} (what was lost, and why),
 *       {@code WarnOnce}, {@code Sdk}.
 *   <li>{@code session}: request threads (open sessions, the tracker, request mode's counts, the
 *       queue to the sender). {@code send}: the sender thread (pending updates, batches, answers,
 *       retries). {@code wire}: rendering, envelopes and HTTP (sender thread). {@code store}: the state
 *       directory's journal and outbox (sender thread). {@code config}: the one configuration reader
 *       (start-up). {@code cookie}: our session cookie (request threads). {@code httplog}: HttpClient's
 *       logging into {@code System.Logger}.
 * </ul>
 */
package dev.sessionhealth.internal;
