package io.tickflow;

import java.util.Optional;

/**
 * A reason Tickflow cannot start that its message says in full, naming what to fix (a port in
 * use, a schema the database refuses, a queries file that does not check): the main class logs
 * that one line, without a stack trace, and exits with a non-zero code.
 */
public class StartupFailure extends RuntimeException {

    public StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** The first StartupFailure among {@code failure} and its causes (Camel wraps what beans and services throw). */
    public static Optional<StartupFailure> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StartupFailure startup) {
                return Optional.of(startup);
            }
        }
        return Optional.empty();
    }

    /** The text on one line: databases and parsers put line breaks in their messages. */
    public static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
