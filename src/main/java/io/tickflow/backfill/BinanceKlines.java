package io.tickflow.backfill;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Binance klines: spot GET /api/v3/klines and USD-M GET /fapi/v1/klines, both
 * ?symbol&interval&startTime&endTime&limit (times in epoch ms, both inclusive). A kline is
 * [openTime, open, high, low, close, volume, closeTime, quoteVolume, trades, ...], prices and
 * volume (base asset; USD-M: coins too) as strings, oldest first.
 */
public final class BinanceKlines extends PagedCandleSource {

    static final Set<String> INTERVALS = Set.of("1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h",
            "1d", "3d", "1w");

    /** url: the klines endpoint, https://api.binance.com/api/v3/klines or https://fapi.binance.com/fapi/v1/klines. */
    public BinanceKlines(String exchange, String url, int pageSize, int weight) {
        super(exchange, INTERVALS, url, pageSize, weight);
    }

    @Override
    public URI uri(String rawSymbol, String interval, Instant from, Instant to) {
        return URI.create(url + "?symbol=" + rawSymbol + "&interval=" + interval + "&startTime=" + from.toEpochMilli()
                + "&endTime=" + (to.toEpochMilli() - 1) + "&limit=" + pageSize);
    }

    @Override
    public List<Bar> parse(String body, String interval) {
        List<Bar> bars = new ArrayList<>();
        for (JsonNode k : Json.array(body)) {
            if (!k.isArray() || k.size() < 6) {
                throw new IllegalArgumentException("a kline is not [openTime, open, high, low, close, volume, ...]");
            }
            bars.add(new Bar(Instant.ofEpochMilli(Json.millis(k.get(0))), Json.decimal(k.get(1)), Json.decimal(k.get(2)),
                    Json.decimal(k.get(3)), Json.decimal(k.get(4)), Json.decimal(k.get(5))));
        }
        return bars;
    }
}
