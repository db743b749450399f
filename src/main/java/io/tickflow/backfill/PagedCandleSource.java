package io.tickflow.backfill;

import java.util.Set;

/** What every exchange's candle source holds alike: its name, intervals, endpoint, page size and request weight. */
public abstract class PagedCandleSource implements CandleSource {

    protected final String url;
    protected final int pageSize;
    private final String exchange;
    private final Set<String> intervals;
    private final int weight;

    protected PagedCandleSource(String exchange, Set<String> intervals, String url, int pageSize, int weight) {
        this.exchange = exchange;
        this.intervals = intervals;
        this.url = url;
        this.pageSize = pageSize;
        this.weight = weight;
    }

    @Override
    public final String exchange() {
        return exchange;
    }

    @Override
    public final Set<String> intervals() {
        return intervals;
    }

    @Override
    public final int pageSize() {
        return pageSize;
    }

    @Override
    public final int weight() {
        return weight;
    }
}
