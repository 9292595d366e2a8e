/**
 * What goes over the wire, run by the sender thread: {@code SessionRenderer} (with {@code DidHasher})
 * turns an update into a {@code Session}, {@code EnvelopeWriter} encodes envelopes,
 * {@code HttpTransport} posts them to the {@code Dsn}; {@code IngestRules} are the ingest's checks,
 * also read where options are validated.
 */
package dev.sessionhealth.internal.wire;
