/**
 * The servlet integration: {@link dev.sessionhealth.servlet.SessionHealthFilter}, registered by
 * {@link dev.sessionhealth.servlet.SessionHealthInitializer}, and
 * {@link dev.sessionhealth.servlet.SessionHealthUserFilter} for authentication that runs behind it.
 */
package dev.sessionhealth.servlet;
