/**
 * The one configuration reader: option definitions, sources in one precedence, validation of every
 * key at once and the effective-configuration log. Runs on the thread that starts the application.
 */
package dev.sessionhealth.internal.config;
