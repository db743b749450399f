package io.tickflow.backfill;

import java.time.Instant;
import java.util.List;

/** A checked backfill request: symbols normalized, the range aligned to whole intervals. */
public record BackfillRequest(String exchange, List<String> symbols, String interval, Instant from, Instant to) {
}
