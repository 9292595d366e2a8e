/**
 * The implementation, by the thread that runs it.
 *
 * <ul>
 *   <li><b>Wiring</b> (the thread that creates or closes the manager): {@code ManagerAssembly},
 *       {@code DefaultSessionManager}, {@code NoOpSessionManager}, {@code StateDirectory},
 *       {@code ReleaseDetector}, {@code ManifestRelease}.
 *   <li><b>The seam to the integrations</b> (request threads): {@code RequestSessions} is all the
 *       servlet filter, the JAX-RS hook and the Spring Boot starter use; {@code RequestTracking} is one
 *       request's view, {@code SessionBinding}/{@code LocalBinding} where a caller's current session lives.
 *   <li><b>Request threads</b>: {@code SessionTracker} (start, touch, error, end; enqueues updates),
 *       {@code SessionState}, {@code SessionAttributes}, {@code SessionRegistry} (open sessions by key,
 *       the one place a key's session is replaced), {@code RequestAggregator}/{@code AggregateBucket}
 *       (request mode), {@code UpdateQueue} (the hand-off to the sender), {@code CoarseClock} (read
 *       per request; its own thread ticks it).
 *   <li><b>The sender thread</b> (one per manager): {@code SessionSender} (the loop, shutdown, flush),
 *       {@code PendingUpdates}, {@code UpdatePreparation}, {@code BatchDelivery} with
 *       {@code IngestAnswer}, {@code Backoff}, {@code RateLimits}, {@code DeliveryTrouble},
 *       {@code DeliveryStatus} and {@code DiscardCounters}; the state directory's
 *       {@code SessionJournal}/{@code JournalKeeper} (write-ahead journal) and {@code Outbox}
 *       (request-mode aggregates); the wire format {@code SessionRenderer}, {@code EnvelopeWriter},
 *       {@code HttpTransport}, {@code Dsn}, {@code IngestRules}.
 * </ul>
 */
package dev.sessionhealth.internal;
