package io.tickflow.backfill;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Coinbase Exchange GET /products/{product_id}/candles?granularity&start&end: granularity in
 * seconds, one of 60, 300, 900, 3600, 21600, 86400; at most 300 candles a request (a range holding
 * more is refused); rows [time (epoch s, the bucket's start), low, high, open, close, volume],
 * newest first, none for a bucket without trades, and some may precede start (the page keeps its
 * own range).
 */
public final class CoinbaseCandles extends PagedCandleSource {

    private static final Map<String, Integer> GRANULARITIES = Map.of("1m", 60, "5m", 300, "15m", 900, "1h", 3600, "6h", 21600,
            "1d", 86400);

    /** url: https://api.exchange.coinbase.com/products */
    public CoinbaseCandles(String url, int pageSize) {
        super("coinbase", GRANULARITIES.keySet(), url, pageSize, 1);
    }

    @Override
    public URI uri(String rawSymbol, String interval, Instant from, Instant to) {
        // end is inclusive: one second before the next page's first bucket
        return URI.create(url + "/" + rawSymbol + "/candles?granularity=" + GRANULARITIES.get(interval) + "&start=" + from
                + "&end=" + to.minusSeconds(1));
    }

    @Override
    public List<Bar> parse(String body, String interval) {
        List<Bar> bars = new ArrayList<>();
        for (JsonNode c : Json.array(body)) {
            if (!c.isArray() || c.size() < 6) {
                throw new IllegalArgumentException("a candle is not [time, low, high, open, close, volume]");
            }
            bars.add(new Bar(Instant.ofEpochSecond(Json.millis(c.get(0))), Json.decimal(c.get(3)), Json.decimal(c.get(2)),
                    Json.decimal(c.get(1)), Json.decimal(c.get(4)), Json.decimal(c.get(5))));
        }
        bars.sort(Comparator.comparing(Bar::start));
        return bars;
    }
}
