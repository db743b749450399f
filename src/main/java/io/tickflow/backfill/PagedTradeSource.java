package io.tickflow.backfill;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.venue.BadFrame;
import io.tickflow.venue.Frames;

/** What every exchange's trade source holds alike: its name, endpoint, window, page size and request weight. */
public abstract class PagedTradeSource implements TradeSource {

    protected final String url;
    protected final int pageSize;
    private final String exchange;
    private final Duration window;
    private final int weight;

    protected PagedTradeSource(String exchange, String url, Duration window, int pageSize, int weight) {
        this.exchange = exchange;
        this.url = url;
        this.window = window;
        this.pageSize = pageSize;
        this.weight = weight;
    }

    @Override
    public final String exchange() {
        return exchange;
    }

    @Override
    public final Duration window() {
        return window;
    }

    @Override
    public final int pageSize() {
        return pageSize;
    }

    @Override
    public final int weight() {
        return weight;
    }

    /** An answer's rows, read as the live feeds read frames (decimals exact, numbers as sent). */
    protected static JsonNode rows(String body) {
        JsonNode rows;
        try {
            rows = Frames.parse(body);
        } catch (BadFrame e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (!rows.isArray()) {
            throw new IllegalArgumentException("the answer is not a JSON array");
        }
        return rows;
    }
}
