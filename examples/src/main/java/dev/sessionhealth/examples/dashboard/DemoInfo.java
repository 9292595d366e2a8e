package dev.sessionhealth.examples.dashboard;

/**
 * What the dashboard's header shows about the demo.
 *
 * @param release the shop's release
 * @param environment the shop's environment
 * @param shopUrl where the shop is
 * @param sessionsTarget where the shop's sessions are sent (an envelope URL, never the key)
 * @param embeddedReceiver whether that is this demo's own receiver ({@code false} with {@code SENTRY_DSN} set)
 */
public record DemoInfo(String release, String environment, String shopUrl, String sessionsTarget,
        boolean embeddedReceiver) {
}
