package io.tickflow.backfill;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Bitfinex GET /v2/candles/trade:{TF}:{symbol}/hist?start&end&limit&sort=1: start and end in epoch
 * ms, both inclusive, limit at most 10000, sort=1 oldest first; a candle is
 * [MTS, OPEN, CLOSE, HIGH, LOW, VOLUME] (note: close before high), MTS its start. Bitfinex spells
 * the day 1D and the week 1W.
 */
public final class BitfinexCandles extends PagedCandleSource {

    private static final Map<String, String> TIMEFRAMES = Map.ofEntries(Map.entry("1m", "1m"), Map.entry("5m", "5m"),
            Map.entry("15m", "15m"), Map.entry("30m", "30m"), Map.entry("1h", "1h"), Map.entry("3h", "3h"),
            Map.entry("6h", "6h"), Map.entry("12h", "12h"), Map.entry("1d", "1D"), Map.entry("1w", "1W"));

    /** url: https://api-pub.bitfinex.com/v2/candles */
    public BitfinexCandles(String url, int pageSize) {
        super("bitfinex", TIMEFRAMES.keySet(), url, pageSize, 1);
    }

    @Override
    public URI uri(String rawSymbol, String interval, Instant from, Instant to) {
        return URI.create(url + "/trade:" + TIMEFRAMES.get(interval) + ":" + rawSymbol + "/hist?start=" + from.toEpochMilli()
                + "&end=" + (to.toEpochMilli() - 1) + "&limit=" + pageSize + "&sort=1");
    }

    @Override
    public List<Bar> parse(String body, String interval) {
        List<Bar> bars = new ArrayList<>();
        for (JsonNode c : Json.array(body)) {
            if (!c.isArray() || c.size() < 6) {
                throw new IllegalArgumentException("a candle is not [MTS, OPEN, CLOSE, HIGH, LOW, VOLUME]");
            }
            bars.add(new Bar(Instant.ofEpochMilli(Json.millis(c.get(0))), Json.decimal(c.get(1)), Json.decimal(c.get(3)),
                    Json.decimal(c.get(4)), Json.decimal(c.get(2)), Json.decimal(c.get(5))));
        }
        return bars;
    }
}
