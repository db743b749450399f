package io.tickflow.backfill;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Kraken GET /0/public/OHLC?pair&interval&since: interval in minutes (1, 5, 15, 30, 60, 240, 1440,
 * 10080); {"error": [], "result": {"XXBTZUSD": [[time (epoch s, the start), open, high, low, close,
 * vwap, volume, count], ...], "last": ...}}. Kraken serves only its 720 most recent candles of an
 * interval, whatever since asks, so only ranges within them can be backfilled
 * ({@link #mostRecent()}); the last row is the interval still open. Errors come as HTTP 200 with
 * "error" filled: a rate limit one is retried, others fail the page.
 */
public final class KrakenOhlc extends PagedCandleSource {

    private static final Map<String, Integer> MINUTES = Map.of("1m", 1, "5m", 5, "15m", 15, "30m", 30, "1h", 60, "4h", 240,
            "1d", 1440, "1w", 10080);

    /** url: https://api.kraken.com/0/public/OHLC */
    public KrakenOhlc(String url) {
        super("kraken", MINUTES.keySet(), url, 720, 1);
    }

    @Override
    public OptionalInt mostRecent() {
        return OptionalInt.of(720);
    }

    @Override
    public URI uri(String rawSymbol, String interval, Instant from, Instant to) {
        // since is exclusive; the pair without the WebSocket API's slash (XBT/USD -> XBTUSD)
        return URI.create(url + "?pair=" + rawSymbol.replace("/", "") + "&interval=" + MINUTES.get(interval) + "&since="
                + (from.getEpochSecond() - 1));
    }

    @Override
    public List<Bar> parse(String body, String interval) {
        JsonNode root = Json.tree(body);
        JsonNode errors = root == null ? null : root.get("error");
        if (errors != null && errors.isArray() && !errors.isEmpty()) {
            String error = errors.get(0).asText();
            if (error.contains("Too many requests") || error.contains("Rate limit")) {
                throw new RetryableAnswer("Kraken: " + error);
            }
            throw new IllegalArgumentException("Kraken: " + error);
        }
        JsonNode result = root == null ? null : root.get("result");
        if (result == null || !result.isObject()) {
            throw new IllegalArgumentException("no result object");
        }
        List<Bar> bars = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = result.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("last") || !field.getValue().isArray()) {
                continue;
            }
            for (JsonNode c : field.getValue()) {
                if (!c.isArray() || c.size() < 7) {
                    throw new IllegalArgumentException("a row is not [time, open, high, low, close, vwap, volume, count]");
                }
                bars.add(new Bar(Instant.ofEpochSecond(Json.millis(c.get(0))), Json.decimal(c.get(1)), Json.decimal(c.get(2)),
                        Json.decimal(c.get(3)), Json.decimal(c.get(4)), Json.decimal(c.get(6))));
            }
        }
        return bars;
    }
}
