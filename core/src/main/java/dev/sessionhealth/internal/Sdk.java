package dev.sessionhealth.internal;

/** How this library names itself in envelopes, auth headers and the user agent. */
public final class Sdk {

    public static final String NAME = "sessionhealth.java";
    public static final String VERSION = version();

    private Sdk() {
    }

    private static String version() {
        String v = Sdk.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0";
    }
}
