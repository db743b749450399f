package io.tickflow.venue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.event.EventRecord;

/** Normalizes the rows of a multi-row frame one by one: a bad row costs only itself ({@link PartialFrame}). */
final class Rows {

    private Rows() {
    }

    /** Each row's events, in order; throws PartialFrame when any row is bad. */
    static List<EventRecord> each(Iterable<JsonNode> rows, Function<JsonNode, List<EventRecord>> normalize) {
        List<EventRecord> accepted = new ArrayList<>();
        List<PartialFrame.BadRow> rejected = new ArrayList<>();
        for (JsonNode row : rows) {
            try {
                accepted.addAll(normalize.apply(row));
            } catch (BadFrame e) {
                rejected.add(new PartialFrame.BadRow(Frames.write(row), e.getMessage()));
            }
        }
        if (!rejected.isEmpty()) {
            throw new PartialFrame(accepted, rejected);
        }
        return accepted;
    }
}
