package dev.sessionhealth.examples.receiver;

/** The numbers of one release in one environment ({@code null} when the sessions carried none). */
public record ReleaseHealth(String release, String environment, HealthCounts health) {
}
