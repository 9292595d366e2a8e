/**
 * Request threads: the open sessions and what happens to them. {@code SessionRegistry} (the in-memory
 * {@code SessionStore}) maps a key to its {@code SessionState}; {@code SessionTracker} starts, touches,
 * fails and ends sessions and offers each {@code SessionUpdate} to the bounded {@code UpdateQueue},
 * the hand-off to the sender; {@code RequestAggregator} counts request mode's minutes
 * ({@code AggregateBucket}); {@code CoarseClock} is the time a touch reads (its own thread ticks it);
 * {@code ClientText} cleans what clients send. No I/O, no JSON, no lock but one session's monitor.
 */
package dev.sessionhealth.internal.session;
