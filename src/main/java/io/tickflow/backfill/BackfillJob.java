package io.tickflow.backfill;

import java.time.Instant;
import java.util.List;

/** A backfill job as stored: what was asked (symbols normalized) and where it stands. */
public record BackfillJob(String id, String exchange, List<String> symbols, String interval, Instant from, Instant to,
        String state, int pagesTotal, int pagesDone, long rows, int errors, Instant createdAt, Instant updatedAt) {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    public boolean finished() {
        return state.equals(DONE) || state.equals(FAILED) || state.equals(CANCELLED);
    }
}
