/**
 * Spring Boot auto-configuration ({@code SessionHealthAutoConfiguration}). At start-up (Boot's main
 * thread): the configuration from Spring's {@code Environment} ({@code SessionHealthSettings},
 * {@code SpringEnvironmentSource}, {@code BootRelease}), the manager bean and the filter
 * registrations. On request threads: {@code MvcErrors} (resolved exceptions) and
 * {@code SecurityLogouts} (logout events). Actuator threads read {@code SessionHealthIndicator} and
 * {@code SessionHealthInfo}.
 */
package dev.sessionhealth.spring;
