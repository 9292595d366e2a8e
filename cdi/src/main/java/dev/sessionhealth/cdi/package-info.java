/**
 * The CDI integration: {@link dev.sessionhealth.cdi.SessionHealthExtension} makes
 * {@code @Inject SessionManager} work and fires {@link dev.sessionhealth.cdi.SessionStarted} and
 * {@link dev.sessionhealth.cdi.SessionEnded}; {@link dev.sessionhealth.cdi.SessionHealthFeature}
 * classifies JAX-RS exceptions as handled errors or crashes.
 */
package dev.sessionhealth.cdi;
