/**
 * Micrometer meters of a {@code SessionManager}'s counters. Runs on the threads that read meters (a
 * registry's publisher, a scrape request): one {@code stats()} call a second at most, nothing else.
 */
package dev.sessionhealth.micrometer;
