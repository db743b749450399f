package io.tickflow.feed;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.event.EventTime;

/**
 * The event contract of DESIGN.md as JSON. Decimals are written as strings of their exact plain
 * value, so no consumer can round them through a double; times are ISO-8601 UTC microseconds.
 */
public final class MarketEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String exchange;

    public MarketEvents(String exchange) {
        this.exchange = exchange;
    }

    public FeedRecord trade(Instrument instrument, Instant ts, Instant receivedTs, String side,
            BigDecimal price, BigDecimal amount, String tradeId) {
        Map<String, Object> e = common("trade", instrument, ts, receivedTs);
        e.put("side", side);
        e.put("price", price.toPlainString());
        e.put("amount", amount.toPlainString());
        e.put("tradeId", tradeId);
        return record("trade", instrument, e);
    }

    /** A best bid and ask; sizes are null where the exchange does not send them (Coinbase ticker before 2022). */
    public FeedRecord quote(Instrument instrument, Instant ts, Instant receivedTs,
            BigDecimal bidPrice, BigDecimal bidSize, BigDecimal askPrice, BigDecimal askSize) {
        Map<String, Object> e = common("quote", instrument, ts, receivedTs);
        e.put("bidPrice", bidPrice.toPlainString());
        e.put("bidSize", bidSize == null ? null : bidSize.toPlainString());
        e.put("askPrice", askPrice.toPlainString());
        e.put("askSize", askSize == null ? null : askSize.toPlainString());
        return record("quote", instrument, e);
    }

    public FeedRecord liquidation(Instrument instrument, Instant ts, Instant receivedTs, String side,
            BigDecimal price, BigDecimal amount, String orderStatus) {
        Map<String, Object> e = common("liquidation", instrument, ts, receivedTs);
        e.put("side", side);
        e.put("price", price.toPlainString());
        e.put("amount", amount.toPlainString());
        e.put("orderStatus", orderStatus);
        return record("liquidation", instrument, e);
    }

    /** A candle; ts is the open time of its interval. */
    public FeedRecord candle(Instrument instrument, Instant ts, Instant receivedTs, String interval, Candle c, boolean closed) {
        Map<String, Object> e = common("candle", instrument, ts, receivedTs);
        e.put("interval", interval);
        e.put("open", c.open().toPlainString());
        e.put("high", c.high().toPlainString());
        e.put("low", c.low().toPlainString());
        e.put("close", c.close().toPlainString());
        e.put("volume", c.volume().toPlainString());
        e.put("closed", closed);
        return record("candle", instrument, e);
    }

    /** Open, high, low, close and volume, checked: prices positive, volume not negative, low <= high. */
    public record Candle(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {
        public Candle {
            Decimals.positive(open, "open");
            Decimals.positive(high, "high");
            Decimals.positive(low, "low");
            Decimals.positive(close, "close");
            if (volume.signum() < 0) {
                throw new BadFrame("volume must not be negative, got " + volume.toPlainString());
            }
            if (low.compareTo(high) > 0) {
                throw new BadFrame("low " + low.toPlainString() + " above high " + high.toPlainString());
            }
        }
    }

    /** The exchange's symbol and its normalized BASE-QUOTE form. */
    public record Instrument(String rawSymbol, String symbol) {
    }

    /** Data may be missing between from and to: the connection was lost for the given reason. */
    public static FeedRecord gap(String feed, String exchange, Instant from, Instant to, String reason, int attempts) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", FeedRecord.GAP);
        e.put("feed", feed);
        e.put("exchange", exchange);
        e.put("from", EventTime.format(from));
        e.put("to", EventTime.format(to));
        e.put("reason", reason);
        e.put("connectAttempts", attempts);
        return new FeedRecord(FeedRecord.GAP, feed, write(e));
    }

    public static FeedRecord deadLetter(String feed, String raw, String reason, Instant receivedTs) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", FeedRecord.DEAD_LETTER);
        e.put("source", feed);
        e.put("reason", reason);
        e.put("receivedTs", EventTime.format(receivedTs));
        e.put("raw", raw);
        return new FeedRecord(FeedRecord.DEAD_LETTER, feed, write(e));
    }

    private Map<String, Object> common(String type, Instrument instrument, Instant ts, Instant receivedTs) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", type);
        e.put("exchange", exchange);
        e.put("symbol", instrument.symbol());
        e.put("rawSymbol", instrument.rawSymbol());
        e.put("ts", EventTime.format(ts));
        e.put("receivedTs", EventTime.format(receivedTs));
        return e;
    }

    private FeedRecord record(String type, Instrument instrument, Map<String, Object> event) {
        return new FeedRecord(type, exchange + ":" + instrument.symbol(), write(event));
    }

    private static String write(Map<String, Object> event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event of strings cannot fail to serialize", e);
        }
    }
}
