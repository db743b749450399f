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
 * Symbols use XBT for bitcoin; dated futures (XBTZ24, ETHUSDTH25) are on the same tables. The
 * trade partial sent on every subscribe drops the rows an earlier connection published.
 */
public final class BitmexNormalizer implements FrameNormalizer {

    private final MarketEvents events = new MarketEvents("bitmex");
    private final Instruments instruments;
    private final PublishedTrades published;

    /** By the built-in symbol rules alone, remembering no earlier connection. */
    public BitmexNormalizer() {
        this(Instruments.of("bitmex", InstrumentLookup.NONE), new PublishedTrades());
    }

    /** published: the feed's trades of earlier connections, so that a partial does not repeat them. */
    public BitmexNormalizer(Instruments instruments, PublishedTrades published) {
        this.instruments = instruments;
        this.published = published;
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
            case "trade" -> {
                PublishedTrades before = action.equals("partial") ? published.copy() : null;
                yield Rows.each(data, row -> trade(row, before, receivedTs));
            }
            case "quote" -> Rows.each(data, row -> List.of(quote(row, receivedTs)));
            default -> throw new BadFrame("unknown table " + table);
        };
    }

    /** before: for a partial's row, what was published before the partial; null for a live row. */
    private List<EventRecord> trade(JsonNode row, PublishedTrades before, Instant receivedTs) {
        InstrumentSpec spec = instruments.spec(Frames.text(row, "symbol"));
        EventRecord trade = trade(spec, row, receivedTs);
        Instant ts = Frames.iso(row, "timestamp");
        String id = Frames.text(row, "trdMatchID");
        if (before != null && before.seen(spec.rawSymbol(), ts, id)) {
            return List.of();
        }
        published.published(spec.rawSymbol(), ts, id);
        return List.of(trade);
    }

    /**
     * A row of the trade table of an instrument: of a stream frame, or of the REST API's GET
     * /api/v1/trade (the same fields), as the backfill reads them.
     */
    public EventRecord trade(InstrumentSpec spec, JsonNode row, Instant receivedTs) {
        String side = Frames.text(row, "side");
        if (!side.equals("Buy") && !side.equals("Sell")) {
            throw new BadFrame("unknown side " + side);
        }
        BigDecimal price = Decimals.positive(row, "price");
        BigDecimal size = Decimals.positive(row, "size");
        BigDecimal base = spec.baseAmount(size, price);
        Amounts amounts = new Amounts(size, base != null ? base : Decimals.notional(row, "homeNotional"),
                Decimals.notional(row, "foreignNotional"));
        return events.trade(Instruments.instrument(spec), Frames.iso(row, "timestamp"), receivedTs,
                side.equals("Buy") ? "buy" : "sell", price, amounts, Frames.text(row, "trdMatchID"));
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
