package io.tickflow.health;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.apache.camel.health.HealthCheckResultBuilder;

/** What Tickflow's health checks share: their group, how long each may take, how they say DOWN. */
public final class Checks {

    /** The group of Tickflow's checks (Camel's own are in "camel"). */
    public static final String GROUP = "tickflow";
    public static final long TIMEOUT_MS = 3000;

    private Checks() {
    }

    /** DOWN, with the innermost cause's message (or that no answer came in time) as the reason. */
    public static void down(HealthCheckResultBuilder builder, Throwable error) {
        builder.down();
        builder.message(reason(error));
        builder.error(error);
    }

    /** The first message along the causes (wrappers skipped), with the innermost cause's when that says more. */
    public static String reason(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof TimeoutException) {
            return "no answer within " + TIMEOUT_MS + " ms";
        }
        String rootText = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        for (Throwable cause = error; cause != root; cause = cause.getCause()) {
            boolean wrapper = cause instanceof ExecutionException || cause instanceof CompletionException;
            if (!wrapper && cause.getMessage() != null) {
                return cause.getMessage().contains(rootText) ? cause.getMessage() : cause.getMessage() + " (" + rootText + ")";
            }
        }
        return rootText;
    }
}
