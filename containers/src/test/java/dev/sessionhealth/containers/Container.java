package dev.sessionhealth.containers;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One standalone distribution, installed and started the way containers/README.md tells a user
 * to: where the WAR goes, what else the container needs, how the DSN and release reach it.
 */
interface Container {

    /** The context path the WAR is deployed under. */
    String CONTEXT = "sessionhealth-sample";

    String name();

    /** Lays out a private instance of the distribution in {@code dir} and deploys {@code war} under {@link #CONTEXT}. */
    default void install(Path dir, Path war) throws IOException, InterruptedException {
        layOut(dir);
        deploy(dir, war, CONTEXT);
    }

    /** Lays out a private instance of the distribution in {@code dir}, with nothing deployed. */
    void layOut(Path dir) throws IOException, InterruptedException;

    /** Deploys {@code war} under the context path {@code /<context>}, as the README says for this container. */
    void deploy(Path dir, Path war, String context) throws IOException;

    /** The command that starts the container in the foreground, with these JVM system properties ({@code -Dk=v}). */
    List<String> command(Path dir, List<String> systemProperties);

    /** Environment for the container process, on top of {@code SENTRY_DSN} and {@code SENTRY_RELEASE}. */
    default Map<String, String> environment(Path dir, List<String> systemProperties) {
        return Map.of();
    }

    /** The HTTP port the container listens on, at 127.0.0.1. */
    int port();

    /** A part of the path the Jakarta REST and CDI implementations must be loaded from here. */
    String restAndCdiOrigin();

    /** Where the application under {@link #CONTEXT} is, ending in {@code /}: paths relative to it. */
    default URI base() {
        return base(CONTEXT);
    }

    /** Where the application under {@code /<context>} is, ending in {@code /}: paths relative to it. */
    default URI base(String context) {
        return URI.create("http://127.0.0.1:" + port() + "/" + context + "/");
    }
}
