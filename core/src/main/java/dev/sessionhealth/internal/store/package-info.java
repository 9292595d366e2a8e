/**
 * The state directory, written and read by the sender thread (and by the thread that starts the
 * manager, for recovery): the write-ahead journal {@code sessions.log} ({@code SessionJournal}, kept by
 * {@code JournalKeeper}, told about deliveries through {@code DeliveryJournal}) and the {@code Outbox}.
 */
package dev.sessionhealth.internal.store;
