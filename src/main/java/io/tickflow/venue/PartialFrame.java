package io.tickflow.venue;

import java.util.List;

import io.tickflow.event.EventRecord;

/**
 * A frame of several rows (BitMEX data[], Bitfinex snapshots, Kraken trade lists) of which some
 * rows cannot become events: the good rows' events, and each bad row with its own reason, so the
 * feed publishes the first and dead-letters only the second.
 */
public final class PartialFrame extends RuntimeException {

    /** One refused row: its JSON and why. */
    public record BadRow(String row, String reason) {
    }

    private final transient List<EventRecord> accepted;
    private final transient List<BadRow> rejected;

    PartialFrame(List<EventRecord> accepted, List<BadRow> rejected) {
        super(rejected.size() + " bad rows", null, false, false);
        this.accepted = List.copyOf(accepted);
        this.rejected = List.copyOf(rejected);
    }

    public List<EventRecord> accepted() {
        return accepted;
    }

    public List<BadRow> rejected() {
        return rejected;
    }
}
