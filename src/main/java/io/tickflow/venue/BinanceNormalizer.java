package io.tickflow.venue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.event.EventRecord;
import io.tickflow.event.MarketEvents;
import io.tickflow.event.MarketEvents.Candle;
import io.tickflow.event.MarketEvents.Instrument;
import io.tickflow.instrument.InstrumentLookup;
import io.tickflow.instrument.InstrumentSpec;

/**
 * Binance frames, raw ({"e":...}) or combined ({"stream":..,"data":{"e":...}}); bookTicker data
 * has no "e" on spot. aggTrade "m" (buyer is maker) true means the taker sold.
 */
public final class BinanceNormalizer implements FrameNormalizer {

    private final MarketEvents events;
    private final Instruments instruments;

    /** By the built-in symbol rules alone. */
    public BinanceNormalizer(String exchange) {
        this(Instruments.of(exchange, InstrumentLookup.NONE));
    }

    public BinanceNormalizer(Instruments instruments) {
        this.events = new MarketEvents(instruments.exchange());
        this.instruments = instruments;
    }

    @Override
    public List<EventRecord> normalize(String frame, Instant receivedTs) {
        JsonNode root = Frames.parse(frame);
        if (!root.isObject()) {
            throw new BadFrame("unknown message shape");
        }
        if (root.has("id") && root.has("result")) {
            return List.of();
        }
        JsonNode data = root.has("data") ? Frames.object(root, "data") : root;
        String type = data.has("e") ? Frames.text(data, "e") : bookTickerWithoutType(data);
        return switch (type) {
            case "aggTrade" -> List.of(aggTrade(spec(data), data, receivedTs));
            case "kline" -> List.of(kline(Frames.object(data, "k"), receivedTs));
            case "forceOrder" -> List.of(forceOrder(Frames.object(data, "o"), receivedTs));
            case "bookTicker" -> List.of(bookTicker(data, receivedTs));
            default -> throw new BadFrame("unknown event type " + type);
        };
    }

    private static String bookTickerWithoutType(JsonNode data) {
        if (data.has("u") && data.has("b") && data.has("a")) {
            return "bookTicker";
        }
        throw new BadFrame("unknown message shape");
    }

    /**
     * An aggregate trade of an instrument: a stream's aggTrade data, or a row of the REST API's
     * GET aggTrades (the same fields without e and s), as the backfill reads them.
     */
    public EventRecord aggTrade(InstrumentSpec spec, JsonNode d, Instant receivedTs) {
        BigDecimal price = Decimals.positive(d, "p");
        return events.trade(Instruments.instrument(spec), Frames.epochMillis(d, "T"), receivedTs,
                Frames.bool(d, "m") ? "sell" : "buy", price, Instruments.amounts(spec, Decimals.positive(d, "q"), price),
                Frames.text(d, "a"));
    }

    private EventRecord kline(JsonNode k, Instant receivedTs) {
        Candle candle = Decimals.candle(Decimals.any(k, "o"), Decimals.any(k, "h"), Decimals.any(k, "l"),
                Decimals.any(k, "c"), Decimals.any(k, "v"));
        return events.candle(instrument(k), Frames.epochMillis(k, "t"), receivedTs, Frames.text(k, "i"), candle,
                Frames.bool(k, "x"));
    }

    private EventRecord forceOrder(JsonNode o, Instant receivedTs) {
        InstrumentSpec spec = spec(o);
        BigDecimal price = Decimals.positive(o, "p");
        return events.liquidation(Instruments.instrument(spec), Frames.epochMillis(o, "T"), receivedTs, side(o),
                price, Instruments.amounts(spec, Decimals.positive(o, "q"), price), Frames.text(o, "X"));
    }

    private EventRecord bookTicker(JsonNode d, Instant receivedTs) {
        // spot bookTicker carries no time: the receipt time is the best there is
        Instant ts = d.has("T") ? Frames.epochMillis(d, "T") : receivedTs;
        return events.quote(instrument(d), ts, receivedTs, Decimals.positive(d, "b"), Decimals.nonNegative(d, "B"),
                Decimals.positive(d, "a"), Decimals.nonNegative(d, "A"));
    }

    private static String side(JsonNode o) {
        String side = Frames.text(o, "S").toLowerCase(Locale.ROOT);
        if (!side.equals("buy") && !side.equals("sell")) {
            throw new BadFrame("unknown side " + side);
        }
        return side;
    }

    private InstrumentSpec spec(JsonNode node) {
        return instruments.spec(Frames.text(node, "s"));
    }

    private Instrument instrument(JsonNode node) {
        return Instruments.instrument(spec(node));
    }
}
