/**
 * Our session cookie, one format for the servlet filter and the JAX-RS hook: issue, sign, read,
 * check, {@code Set-Cookie} attributes and the application's signing key. Runs on request threads.
 */
package dev.sessionhealth.internal.cookie;
