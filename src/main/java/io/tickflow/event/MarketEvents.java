package io.tickflow.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The market events of one exchange, as the feeds and the market simulator publish them: each
 * written by {@link EventWriter} from its {@link EventType}, keyed exchange:symbol. Also the gap
 * events of the status topic.
 */
public final class MarketEvents {

    private final String exchange;

    public MarketEvents(String exchange) {
        this.exchange = exchange;
    }

    public EventRecord trade(Instrument instrument, Instant ts, Instant receivedTs, String side,
            BigDecimal price, BigDecimal amount, String tradeId) {
        return record(EventType.TRADE, instrument, EventWriter.json(EventType.TRADE, exchange, instrument.symbol(),
                instrument.rawSymbol(), ts, receivedTs, side, price, amount, tradeId));
    }

    /** A best bid and ask; sizes are null where the exchange does not send them (Coinbase ticker before 2022). */
    public EventRecord quote(Instrument instrument, Instant ts, Instant receivedTs,
            BigDecimal bidPrice, BigDecimal bidSize, BigDecimal askPrice, BigDecimal askSize) {
        return record(EventType.QUOTE, instrument, EventWriter.json(EventType.QUOTE, exchange, instrument.symbol(),
                instrument.rawSymbol(), ts, receivedTs, bidPrice, bidSize, askPrice, askSize));
    }

    public EventRecord liquidation(Instrument instrument, Instant ts, Instant receivedTs, String side,
            BigDecimal price, BigDecimal amount, String orderStatus) {
        return record(EventType.LIQUIDATION, instrument, EventWriter.json(EventType.LIQUIDATION, exchange,
                instrument.symbol(), instrument.rawSymbol(), ts, receivedTs, side, price, amount, orderStatus));
    }

    /** A candle; ts is the open time of its interval. */
    public EventRecord candle(Instrument instrument, Instant ts, Instant receivedTs, String interval, Candle c, boolean closed) {
        return record(EventType.CANDLE, instrument, EventWriter.json(EventType.CANDLE, exchange, instrument.symbol(),
                instrument.rawSymbol(), ts, receivedTs, interval, c.open(), c.high(), c.low(), c.close(), c.volume(), closed));
    }

    /** Open, high, low, close and volume of one interval. */
    public record Candle(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {
    }

    /** The exchange's symbol and its normalized BASE-QUOTE form. */
    public record Instrument(String rawSymbol, String symbol) {
    }

    /** Data may be missing between from and to: the connection was lost for the given reason. */
    public static EventRecord gap(String feed, String exchange, Instant from, Instant to, String reason, int attempts) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", EventRecord.GAP);
        e.put("feed", feed);
        e.put("exchange", exchange);
        e.put("from", EventTime.format(from));
        e.put("to", EventTime.format(to));
        e.put("reason", reason);
        e.put("connectAttempts", attempts);
        return new EventRecord(EventRecord.GAP, feed, EventWriter.json(e));
    }

    private EventRecord record(EventType type, Instrument instrument, String json) {
        return new EventRecord(type.wireName(), exchange + ":" + instrument.symbol(), json);
    }
}
