/**
 * The sender thread ({@code sessionhealth-sender-N}, one per manager): {@code SessionSender} drains the
 * queue into {@code PendingUpdates} and runs the periodic sweep; {@code BatchDelivery} cuts envelopes
 * ({@code UpdatePreparation}), sends them and reads the answer ({@code IngestAnswer}, {@code RateLimits},
 * {@code Backoff}), and tells the operator and {@code stats()} how delivery goes ({@code DeliveryTrouble},
 * {@code DeliveryStatus}).
 */
package dev.sessionhealth.internal.send;
