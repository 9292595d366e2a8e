package dev.sessionhealth.benchmarks.load;

import java.util.Locale;

/**
 * One variant of the load test as written on the command line: {@code application[:ingest]}, for
 * example {@code bare}, {@code cookie} or {@code cookie:down}; the ingest is {@code healthy} unless
 * given. Keeps the text as written, because {@code load.sh} finds each variant's port by it.
 *
 * @param text    the spec as written
 * @param variant what is in front of the servlet
 * @param ingest  how the ingest of our filter's manager behaves
 */
record VariantSpec(String text, LoadApp.Variant variant, LoadIngest.Kind ingest) {

    /**
     * Parses {@code application[:ingest]}.
     *
     * @throws IllegalArgumentException for an unknown name, or an ingest given to a variant without our filter
     */
    static VariantSpec parse(String text) {
        int colon = text.indexOf(':');
        LoadApp.Variant variant = LoadApp.Variant.parse(colon < 0 ? text : text.substring(0, colon));
        LoadIngest.Kind ingest = colon < 0 ? LoadIngest.Kind.HEALTHY : LoadIngest.Kind.parse(text.substring(colon + 1));
        if (colon >= 0 && variant.mode() == null) {
            throw new IllegalArgumentException(text + ": " + variant.name().toLowerCase(Locale.ROOT)
                    + " has no filter of ours, so no ingest");
        }
        return new VariantSpec(text, variant, ingest);
    }

    /** The spec usable as a connector name and in a file name: {@code cookie:down} gives {@code cookie-down}. */
    String slug() {
        return text.replace(':', '-');
    }
}
