package io.tickflow.backfill;

import java.util.Set;

/** A candle source with the intervals it offers, besides what every source holds. */
public abstract class PagedCandleSource extends PagedSource implements CandleSource {

    private final Set<String> intervals;

    protected PagedCandleSource(String exchange, Set<String> intervals, String url, int pageSize, int weight) {
        super(exchange, url, pageSize, weight);
        this.intervals = intervals;
    }

    @Override
    public final Set<String> intervals() {
        return intervals;
    }
}
