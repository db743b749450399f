package io.tickflow.backfill;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.venue.BadFrame;
import io.tickflow.venue.Frames;

/** A trade source with the span of time a page covers, besides what every source holds. */
public abstract class PagedTradeSource extends PagedSource implements TradeSource {

    private final Duration window;

    protected PagedTradeSource(String exchange, String url, Duration window, int pageSize, int weight) {
        super(exchange, url, pageSize, weight);
        this.window = window;
    }

    @Override
    public final Duration window() {
        return window;
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
