package io.tickflow.venue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.event.EventRecord;
import io.tickflow.event.MarketEvents;
import io.tickflow.event.MarketEvents.Amounts;
import io.tickflow.event.MarketEvents.Instrument;
import io.tickflow.instrument.InstrumentLookup;
import io.tickflow.instrument.InstrumentSpec;

/**
 * BitMEX table frames {"table":"trade"|"quote","action":"partial"|"insert","data":[...]}. Trade
 * "side" is the taker's; "size" is in contracts: the base amount is computed from the contract
 * size where it is known (XBTUSD: 1 USD, inverse), else it is the row's homeNotional (BitMEX's own
 * figure in the base asset, as for quanto contracts); the quote amount is its foreignNotional.
 * Symbols use XBT for bitcoin; dated futures (XBTZ24, ETHUSDTH25) are on the same tables.
 */
public final class BitmexNormalizer implements FrameNormalizer {

    private final MarketEvents events = new MarketEvents("bitmex");
    private final Instruments instruments;

    /** By the built-in symbol rules alone. */
    public BitmexNormalizer() {
        this(Instruments.of("bitmex", InstrumentLookup.NONE));
    }

    public BitmexNormalizer(Instruments instruments) {
        this.instruments = instruments;
    }

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
        return switch (table) {
            case "trade" -> Rows.each(data, row -> List.of(trade(row, receivedTs)));
            case "quote" -> Rows.each(data, row -> List.of(quote(row, receivedTs)));
            default -> throw new BadFrame("unknown table " + table);
        };
    }

    private EventRecord trade(JsonNode row, Instant receivedTs) {
        String side = Frames.text(row, "side");
        if (!side.equals("Buy") && !side.equals("Sell")) {
            throw new BadFrame("unknown side " + side);
        }
        InstrumentSpec spec = instruments.spec(Frames.text(row, "symbol"));
        BigDecimal price = Decimals.positive(row, "price");
        BigDecimal size = Decimals.positive(row, "size");
        BigDecimal base = spec.baseAmount(size, price);
        Amounts amounts = new Amounts(size, base != null ? base : Decimals.notional(row, "homeNotional"),
                Decimals.notional(row, "foreignNotional"));
        return events.trade(Instruments.instrument(spec), Frames.iso(row, "timestamp"), receivedTs, side.equals("Buy") ? "buy" : "sell",
                price, amounts, Frames.text(row, "trdMatchID"));
    }

    private EventRecord quote(JsonNode row, Instant receivedTs) {
        return events.quote(instrument(row), Frames.iso(row, "timestamp"), receivedTs,
                Decimals.positive(row, "bidPrice"), Decimals.nonNegative(row, "bidSize"),
                Decimals.positive(row, "askPrice"), Decimals.nonNegative(row, "askSize"));
    }

    private Instrument instrument(JsonNode row) {
        return instruments.instrument(Frames.text(row, "symbol"));
    }
}
