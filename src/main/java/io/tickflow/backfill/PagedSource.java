package io.tickflow.backfill;

/** What every exchange's candle or trade source holds alike: its name, endpoint, page size and request weight. */
abstract class PagedSource {

    protected final String url;
    protected final int pageSize;
    private final String exchange;
    private final int weight;

    PagedSource(String exchange, String url, int pageSize, int weight) {
        this.exchange = exchange;
        this.url = url;
        this.pageSize = pageSize;
        this.weight = weight;
    }

    public final String exchange() {
        return exchange;
    }

    public final int pageSize() {
        return pageSize;
    }

    public final int weight() {
        return weight;
    }
}
