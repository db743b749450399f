package io.tickflow.instrument;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one venue's answer held: the instruments read, and the rows that could not be read, each
 * with its reason, so one malformed row costs only itself and not the venue's whole list.
 */
public final class InstrumentRows {

    /** A row's text in a reason is cut to this many characters: the log and health stay readable. */
    private static final int ROW_TEXT = 200;

    private final List<InstrumentSpec> instruments = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final Set<String> skippedSymbols = new LinkedHashSet<>();

    /**
     * Reads one row: null from the reader leaves it out on purpose (an index, a delivered contract),
     * an exception skips it. rawSymbol is the row's symbol where it can be read at all (else null),
     * so that a skipped instrument can keep what was loaded for it before.
     */
    public void read(String rawSymbol, JsonNode row, Function<JsonNode, InstrumentSpec> reader) {
        try {
            InstrumentSpec spec = reader.apply(row);
            if (spec != null) {
                instruments.add(spec);
            }
        } catch (RuntimeException e) {
            String text = String.valueOf(row);
            if (rawSymbol != null && !rawSymbol.isEmpty()) {
                skippedSymbols.add(rawSymbol);
            }
            skipped.add(e.getMessage() + " (row " + (text.length() > ROW_TEXT ? text.substring(0, ROW_TEXT) + "..." : text) + ")");
        }
    }

    public List<InstrumentSpec> instruments() {
        return List.copyOf(instruments);
    }

    /** Why each skipped row was skipped, in the answer's order. */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    /** The venue's own symbols of the skipped rows that named one. */
    public Set<String> skippedSymbols() {
        return Set.copyOf(skippedSymbols);
    }
}
