package dev.sessionhealth.spring;

import dev.sessionhealth.internal.config.InvalidConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a start-up that failed on an invalid {@code sessionhealth.*} value, every bad key at once. */
final class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, InvalidConfigurationException cause) {
        StringBuilder description = new StringBuilder("sessionhealth could not start: ")
                .append(cause.problems().size() == 1 ? "one value is" : cause.problems().size() + " values are")
                .append(" invalid:");
        for (String problem : cause.problems()) {
            description.append("\n    ").append(problem);
        }
        return new FailureAnalysis(description.toString(),
                "Correct the values above where they are set (application.properties or application.yml as "
                        + "sessionhealth.<key>, a system property, an environment variable SESSIONHEALTH_<KEY> or "
                        + "SENTRY_DSN / SENTRY_RELEASE / SENTRY_ENVIRONMENT), or set sessionhealth.enabled=false "
                        + "to start without release health.",
                cause);
    }
}
