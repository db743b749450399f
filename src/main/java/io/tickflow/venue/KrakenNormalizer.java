package io.tickflow.venue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.event.EventRecord;
import io.tickflow.event.MarketEvents;
import io.tickflow.event.MarketEvents.Instrument;

/**
 * Kraken v1 frames: events are objects; data is [channelID, payload, channelName, pair]. Trades
 * are [price, volume, time, side, orderType, misc] with side b/s the taker's and time in seconds
 * with microseconds; v1 has no trade id. A ticker's b/a are [price, wholeLotVolume, lotVolume]
 * and carry no time, so ts is the receipt time.
 */
public final class KrakenNormalizer implements FrameNormalizer {

    private final MarketEvents events = new MarketEvents("kraken");

    @Override
    public List<EventRecord> normalize(String frame, Instant receivedTs) {
        JsonNode root = Frames.parse(frame);
        if (root.isObject()) {
            return event(root);
        }
        if (!root.isArray() || root.size() != 4 || !root.get(2).isTextual() || !root.get(3).isTextual()) {
            throw new BadFrame("unknown message shape");
        }
        String pair = root.get(3).asText();
        Instrument instrument = new Instrument(pair, Symbols.separated(pair, "/"));
        return switch (root.get(2).asText()) {
            case "trade" -> trades(instrument, root.get(1), receivedTs);
            case "ticker" -> List.of(ticker(instrument, root.get(1), receivedTs));
            default -> throw new BadFrame("unknown channel " + root.get(2).asText());
        };
    }

    private static List<EventRecord> event(JsonNode root) {
        String event = Frames.text(root, "event");
        if (event.equals("subscriptionStatus") && root.path("status").asText().equals("error")) {
            throw new BadFrame("exchange error: " + root.path("errorMessage").asText());
        }
        if (!List.of("heartbeat", "systemStatus", "subscriptionStatus", "pong").contains(event)) {
            throw new BadFrame("unknown event " + event);
        }
        return List.of();
    }

    private List<EventRecord> trades(Instrument instrument, JsonNode trades, Instant receivedTs) {
        if (!trades.isArray() || trades.isEmpty()) {
            throw new BadFrame("trade payload is not a list of trades");
        }
        List<EventRecord> records = new ArrayList<>(trades.size());
        for (JsonNode t : trades) {
            if (!t.isArray() || t.size() < 4) {
                throw new BadFrame("trade is not [price, volume, time, side, ...]");
            }
            String side = switch (t.get(3).asText()) {
                case "b" -> "buy";
                case "s" -> "sell";
                default -> throw new BadFrame("unknown side " + t.get(3));
            };
            // Kraken v1 trades carry no id; the sinks de-duplicate on one, so it is built from
            // the trade's own fields: the same trade replayed gets the same id
            String tradeId = t.get(2).asText() + "-" + t.get(0).asText() + "-" + t.get(1).asText() + "-" + t.get(3).asText();
            records.add(events.trade(instrument, seconds(t.get(2)), receivedTs, side,
                    Decimals.positive(Decimals.parse(t.get(0), "price"), "price"),
                    Decimals.positive(Decimals.parse(t.get(1), "volume"), "volume"), tradeId));
        }
        return records;
    }

    private EventRecord ticker(Instrument instrument, JsonNode t, Instant receivedTs) {
        JsonNode bid = t.get("b");
        JsonNode ask = t.get("a");
        if (bid == null || ask == null || !bid.isArray() || !ask.isArray() || bid.size() < 3 || ask.size() < 3) {
            throw new BadFrame("ticker has no [price, wholeLotVolume, lotVolume] bid and ask");
        }
        return events.quote(instrument, receivedTs, receivedTs,
                Decimals.positive(Decimals.parse(bid.get(0), "bid price"), "bid price"), nonNegative(bid.get(2), "bid size"),
                Decimals.positive(Decimals.parse(ask.get(0), "ask price"), "ask price"), nonNegative(ask.get(2), "ask size"));
    }

    private static BigDecimal nonNegative(JsonNode value, String field) {
        BigDecimal size = Decimals.parse(value, field);
        if (size.signum() < 0) {
            throw new BadFrame(field + " must not be negative, got " + size.toPlainString());
        }
        return size;
    }

    /** "1618678142.557535" seconds -> the exact instant, microseconds kept. */
    private static Instant seconds(JsonNode value) {
        BigDecimal seconds = Decimals.parse(value, "time");
        if (seconds.signum() <= 0 || seconds.scale() > 9) {
            throw new BadFrame("time is not epoch seconds: " + value);
        }
        BigDecimal whole = new BigDecimal(seconds.toBigInteger());
        try {
            return Instant.ofEpochSecond(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).longValueExact());
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw new BadFrame("time is not epoch seconds: " + value);
        }
    }
}
