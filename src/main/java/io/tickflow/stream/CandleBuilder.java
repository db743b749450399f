package io.tickflow.stream;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickflow.event.EventTime;
import io.tickflow.event.EventType;
import io.tickflow.event.EventWriter;

/**
 * Builds live OHLCV candles of one interval from trades. Every trade yields the updated open
 * candle (closed false); the first trade of a new interval first yields the previous candle
 * closed. Trades older than the open candle are ignored (their candle was already closed).
 * The candles are candle events of the contract, as a kline feed's: their receivedTs is that of
 * the last trade in them.
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
    private String rawSymbol;
    private Instant receivedTs;

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
        Instant received;
        try {
            price = new BigDecimal(trade.path("price").asText());
            amount = new BigDecimal(trade.path("amount").asText());
            received = trade.hasNonNull("receivedTs") ? EventTime.parse(trade.get("receivedTs").asText()) : time;
        } catch (NumberFormatException | DateTimeException e) {
            return candles;
        }
        if (price.signum() <= 0 || amount.signum() <= 0) {
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
        rawSymbol = trade.hasNonNull("rawSymbol") ? trade.get("rawSymbol").asText() : null;
        receivedTs = received;
        candles.add(candle(false));
        return candles;
    }

    private ObjectNode candle(boolean closed) {
        return EventWriter.node(EventType.CANDLE, exchange, symbol, rawSymbol, Instant.ofEpochMilli(start), receivedTs,
                interval, open, high, low, close, volume, closed);
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
