/**
 * The public API: {@link dev.sessionhealth.SessionManager} (create it with
 * {@link dev.sessionhealth.SessionManager#create} or {@link dev.sessionhealth.SessionManager#builder}),
 * its options, the session model and the {@link dev.sessionhealth.Transport} and
 * {@link dev.sessionhealth.BeforeSend} extension points. Every method of the manager is safe on
 * request threads: it records and enqueues, never does I/O. Everything in {@code internal} packages
 * may change without notice.
 */
package dev.sessionhealth;
