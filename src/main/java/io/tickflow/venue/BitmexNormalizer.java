package io.tickflow.venue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.event.EventRecord;
import io.tickflow.event.MarketEvents;
import io.tickflow.event.MarketEvents.Instrument;

/**
 * BitMEX table frames {"table":"trade"|"quote","action":"partial"|"insert","data":[...]}. Trade
 * "side" is the taker's. Symbols use XBT for bitcoin; dated futures (XBTU21) have no BASE-QUOTE
 * form and are bad frames.
 */
public final class BitmexNormalizer implements FrameNormalizer {

    private final MarketEvents events = new MarketEvents("bitmex");

    @Override
    public List<EventRecord> normalize(String frame, Instant receivedTs) {
        if (frame.equals("pong")) {
            return List.of();
        }
        JsonNode root = Frames.parse(frame);
        if (!root.isObject()) {
            throw new BadFrame("unknown message shape");
        }
        if (root.has("info") || root.has("success")) {
            return List.of();
        }
        if (root.has("error")) {
            throw new BadFrame("exchange error: " + root.get("error").asText());
        }
        String table = Frames.text(root, "table");
        String action = Frames.text(root, "action");
        if (!action.equals("partial") && !action.equals("insert")) {
            throw new BadFrame("unexpected action " + action + " on " + table);
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw new BadFrame("missing data array");
        }
        List<EventRecord> records = new ArrayList<>(data.size());
        for (JsonNode row : data) {
            records.add(switch (table) {
                case "trade" -> trade(row, receivedTs);
                case "quote" -> quote(row, receivedTs);
                default -> throw new BadFrame("unknown table " + table);
            });
        }
        return records;
    }

    private EventRecord trade(JsonNode row, Instant receivedTs) {
        String side = Frames.text(row, "side");
        if (!side.equals("Buy") && !side.equals("Sell")) {
            throw new BadFrame("unknown side " + side);
        }
        return events.trade(instrument(row), Frames.iso(row, "timestamp"), receivedTs, side.equals("Buy") ? "buy" : "sell",
                Decimals.positive(row, "price"), Decimals.positive(row, "size"), Frames.text(row, "trdMatchID"));
    }

    private EventRecord quote(JsonNode row, Instant receivedTs) {
        return events.quote(instrument(row), Frames.iso(row, "timestamp"), receivedTs,
                Decimals.positive(row, "bidPrice"), Decimals.nonNegative(row, "bidSize"),
                Decimals.positive(row, "askPrice"), Decimals.nonNegative(row, "askSize"));
    }

    private static Instrument instrument(JsonNode row) {
        String raw = Frames.text(row, "symbol");
        return new Instrument(raw, Symbols.concatenated(raw, Symbols.BITMEX_QUOTES));
    }
}
