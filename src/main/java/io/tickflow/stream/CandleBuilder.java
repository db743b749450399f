package io.tickflow.stream;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickflow.event.EventTime;

/**
 * Builds live OHLCV candles of one interval from trades. Every trade yields the updated open
 * candle (closed false); the first trade of a new interval first yields the previous candle
 * closed. Trades older than the open candle are ignored (their candle was already closed).
 */
final class CandleBuilder {

    private final String exchange;
    private final String symbol;
    private final String interval;
    private final long intervalMillis;
    private long start = Long.MIN_VALUE;
    private BigDecimal open;
    private BigDecimal high;
    private BigDecimal low;
    private BigDecimal close;
    private BigDecimal volume;

    CandleBuilder(String exchange, String symbol, String interval) {
        this.exchange = exchange;
        this.symbol = symbol;
        this.interval = interval;
        this.intervalMillis = millis(interval);
    }

    /** The candle events this trade produces, oldest first. */
    synchronized List<ObjectNode> add(JsonNode trade, Instant time) {
        List<ObjectNode> candles = new ArrayList<>(2);
        BigDecimal price;
        BigDecimal amount;
        try {
            price = new BigDecimal(trade.path("price").asText());
            amount = new BigDecimal(trade.path("amount").asText());
        } catch (NumberFormatException e) {
            return candles;
        }
        long bucket = Math.floorDiv(time.toEpochMilli(), intervalMillis) * intervalMillis;
        if (bucket < start) {
            return candles;
        }
        if (bucket > start) {
            if (open != null) {
                candles.add(candle(true));
            }
            start = bucket;
            open = price;
            high = price;
            low = price;
            volume = BigDecimal.ZERO;
        }
        high = high.max(price);
        low = low.min(price);
        close = price;
        volume = volume.add(amount);
        candles.add(candle(false));
        return candles;
    }

    private ObjectNode candle(boolean closed) {
        ObjectNode candle = StreamHub.JSON.createObjectNode();
        candle.put("type", "candle");
        candle.put("exchange", exchange);
        candle.put("symbol", symbol);
        candle.put("interval", interval);
        candle.put("ts", EventTime.format(Instant.ofEpochMilli(start)));
        candle.put("open", open);
        candle.put("high", high);
        candle.put("low", low);
        candle.put("close", close);
        candle.put("volume", volume);
        candle.put("closed", closed);
        return candle;
    }

    static long millis(String interval) {
        long amount = Long.parseLong(interval.substring(0, interval.length() - 1));
        Duration unit = switch (interval.charAt(interval.length() - 1)) {
            case 's' -> Duration.ofSeconds(1);
            case 'm' -> Duration.ofMinutes(1);
            case 'h' -> Duration.ofHours(1);
            case 'd' -> Duration.ofDays(1);
            default -> throw new IllegalArgumentException("interval " + interval);
        };
        return unit.toMillis() * amount;
    }
}
