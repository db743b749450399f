package io.tickflow.venue;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.event.EventRecord;
import io.tickflow.event.MarketEvents;
import io.tickflow.event.MarketEvents.Candle;
import io.tickflow.event.MarketEvents.Instrument;

/**
 * Binance frames, raw ({"e":...}) or combined ({"stream":..,"data":{"e":...}}); bookTicker data
 * has no "e" on spot. aggTrade "m" (buyer is maker) true means the taker sold.
 */
public final class BinanceNormalizer implements FrameNormalizer {

    private final MarketEvents events;

    public BinanceNormalizer(String exchange) {
        this.events = new MarketEvents(exchange);
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
            case "aggTrade" -> List.of(aggTrade(data, receivedTs));
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

    private EventRecord aggTrade(JsonNode d, Instant receivedTs) {
        return events.trade(instrument(d), Frames.epochMillis(d, "T"), receivedTs,
                Frames.bool(d, "m") ? "sell" : "buy", Decimals.positive(d, "p"), Decimals.positive(d, "q"),
                Frames.text(d, "a"));
    }

    private EventRecord kline(JsonNode k, Instant receivedTs) {
        Candle candle = Decimals.candle(Decimals.any(k, "o"), Decimals.any(k, "h"), Decimals.any(k, "l"),
                Decimals.any(k, "c"), Decimals.any(k, "v"));
        return events.candle(instrument(k), Frames.epochMillis(k, "t"), receivedTs, Frames.text(k, "i"), candle,
                Frames.bool(k, "x"));
    }

    private EventRecord forceOrder(JsonNode o, Instant receivedTs) {
        return events.liquidation(instrument(o), Frames.epochMillis(o, "T"), receivedTs, side(o),
                Decimals.positive(o, "p"), Decimals.positive(o, "q"), Frames.text(o, "X"));
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

    private static Instrument instrument(JsonNode node) {
        String raw = Frames.text(node, "s");
        return new Instrument(raw, Symbols.concatenated(raw, Symbols.BINANCE_QUOTES));
    }
}
