package dev.sessionhealth.internal.config;

import java.util.List;

/**
 * Every bad value of one reading, each as {@code key='value' from <source> <name>: <reason>}
 * (secrets never shown). The message lists them all.
 */
public final class InvalidConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    InvalidConfigurationException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per bad key. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.size() == 1) {
            return "sessionhealth: invalid configuration: " + problems.get(0);
        }
        return "sessionhealth: invalid configuration (" + problems.size() + " problems): "
                + String.join("; ", problems);
    }
}
