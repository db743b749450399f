package io.tickflow.venue;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.event.EventRecord;
import io.tickflow.event.MarketEvents;
import io.tickflow.event.MarketEvents.Instrument;
import io.tickflow.instrument.InstrumentLookup;

/**
 * Coinbase frames by "type". In match and last_match, "side" is the MAKER's side, so the taker
 * side is the opposite. A ticker is the best bid and ask (sizes only in feeds since 2022).
 */
public final class CoinbaseNormalizer implements FrameNormalizer {

    private final MarketEvents events = new MarketEvents("coinbase");
    private final Instruments instruments;
    private final PublishedTrades published;

    /** By the built-in symbol rules alone, remembering no earlier connection. */
    public CoinbaseNormalizer() {
        this(Instruments.of("coinbase", InstrumentLookup.NONE), new PublishedTrades());
    }

    /** published: the feed's trades of earlier connections, so that a last_match does not repeat one. */
    public CoinbaseNormalizer(Instruments instruments, PublishedTrades published) {
        this.instruments = instruments;
        this.published = published;
    }

    @Override
    public List<EventRecord> normalize(String frame, Instant receivedTs) {
        JsonNode root = Frames.parse(frame);
        if (!root.isObject()) {
            throw new BadFrame("unknown message shape");
        }
        String type = Frames.text(root, "type");
        return switch (type) {
            case "subscriptions", "heartbeat" -> List.of();
            case "match" -> match(root, false, receivedTs);
            // sent on every subscribe: the latest trade, already published after a reconnect
            case "last_match" -> match(root, true, receivedTs);
            case "ticker" -> List.of(ticker(root, receivedTs));
            case "error" -> throw new BadFrame("exchange error: " + root.path("message").asText() + " " + root.path("reason").asText());
            default -> throw new BadFrame("unknown type " + type);
        };
    }

    private List<EventRecord> match(JsonNode m, boolean snapshot, Instant receivedTs) {
        String makerSide = Frames.text(m, "side");
        String takerSide = switch (makerSide) {
            case "buy" -> "sell";
            case "sell" -> "buy";
            default -> throw new BadFrame("unknown side " + makerSide);
        };
        String raw = Frames.text(m, "product_id");
        Instant ts = Frames.iso(m, "time");
        String id = Frames.text(m, "trade_id");
        if (snapshot && published.seen(raw, ts, id)) {
            return List.of();
        }
        EventRecord trade = events.trade(instruments.instrument(raw), ts, receivedTs, takerSide,
                Decimals.positive(m, "price"), Decimals.positive(m, "size"), id);
        published.published(raw, ts, id);
        return List.of(trade);
    }

    private EventRecord ticker(JsonNode t, Instant receivedTs) {
        return events.quote(instrument(t), Frames.iso(t, "time"), receivedTs,
                Decimals.positive(t, "best_bid"), t.has("best_bid_size") ? Decimals.nonNegative(t, "best_bid_size") : null,
                Decimals.positive(t, "best_ask"), t.has("best_ask_size") ? Decimals.nonNegative(t, "best_ask_size") : null);
    }

    private Instrument instrument(JsonNode node) {
        return instruments.instrument(Frames.text(node, "product_id"));
    }
}
