package io.tickflow.venue;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A feed's memory, across its connections, of the newest trade it published per symbol: its time
 * and the ids of the trades at that time. BitMEX and Bitfinex resend a snapshot of recent trades on
 * every subscribe; a snapshot row at or before that newest trade was already published (tables
 * would ignore it, but stream clients and webhooks would see it again as live), so it is dropped.
 * Snapshot rows after it, traded while the feed was away, are published.
 */
public final class PublishedTrades {

    private final Map<String, Newest> bySymbol = new HashMap<>();

    private static final class Newest {
        Instant ts;
        final Set<String> ids = new HashSet<>();
    }

    /** What was published until now: a snapshot's rows are judged against it, not against each other (Bitfinex sends newest first). */
    public synchronized PublishedTrades copy() {
        PublishedTrades copy = new PublishedTrades();
        bySymbol.forEach((symbol, newest) -> {
            Newest kept = new Newest();
            kept.ts = newest.ts;
            kept.ids.addAll(newest.ids);
            copy.bySymbol.put(symbol, kept);
        });
        return copy;
    }

    /** Whether a snapshot row was already published. */
    public synchronized boolean seen(String rawSymbol, Instant ts, String id) {
        Newest newest = bySymbol.get(rawSymbol);
        return newest != null && (ts.isBefore(newest.ts) || ts.equals(newest.ts) && newest.ids.contains(id));
    }

    /** Notes a trade that is published. */
    public synchronized void published(String rawSymbol, Instant ts, String id) {
        Newest newest = bySymbol.computeIfAbsent(rawSymbol, s -> new Newest());
        if (newest.ts == null || ts.isAfter(newest.ts)) {
            newest.ts = ts;
            newest.ids.clear();
        }
        if (ts.equals(newest.ts)) {
            newest.ids.add(id);
        }
    }
}
