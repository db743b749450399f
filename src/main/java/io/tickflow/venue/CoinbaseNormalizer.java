package io.tickflow.venue;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.event.EventRecord;
import io.tickflow.event.MarketEvents;
import io.tickflow.event.MarketEvents.Instrument;

/**
 * Coinbase frames by "type". In match and last_match, "side" is the MAKER's side, so the taker
 * side is the opposite. A ticker is the best bid and ask (sizes only in feeds since 2022).
 */
public final class CoinbaseNormalizer implements FrameNormalizer {

    private final MarketEvents events = new MarketEvents("coinbase");

    @Override
    public List<EventRecord> normalize(String frame, Instant receivedTs) {
        JsonNode root = Frames.parse(frame);
        if (!root.isObject()) {
            throw new BadFrame("unknown message shape");
        }
        String type = Frames.text(root, "type");
        return switch (type) {
            case "subscriptions", "heartbeat" -> List.of();
            case "match", "last_match" -> List.of(match(root, receivedTs));
            case "ticker" -> List.of(ticker(root, receivedTs));
            case "error" -> throw new BadFrame("exchange error: " + root.path("message").asText() + " " + root.path("reason").asText());
            default -> throw new BadFrame("unknown type " + type);
        };
    }

    private EventRecord match(JsonNode m, Instant receivedTs) {
        String makerSide = Frames.text(m, "side");
        String takerSide = switch (makerSide) {
            case "buy" -> "sell";
            case "sell" -> "buy";
            default -> throw new BadFrame("unknown side " + makerSide);
        };
        return events.trade(instrument(m), Frames.iso(m, "time"), receivedTs, takerSide,
                Decimals.positive(m, "price"), Decimals.positive(m, "size"), Frames.text(m, "trade_id"));
    }

    private EventRecord ticker(JsonNode t, Instant receivedTs) {
        return events.quote(instrument(t), Frames.iso(t, "time"), receivedTs,
                Decimals.positive(t, "best_bid"), t.has("best_bid_size") ? Decimals.nonNegative(t, "best_bid_size") : null,
                Decimals.positive(t, "best_ask"), t.has("best_ask_size") ? Decimals.nonNegative(t, "best_ask_size") : null);
    }

    private static Instrument instrument(JsonNode node) {
        String raw = Frames.text(node, "product_id");
        return new Instrument(raw, Symbols.separated(raw, "-"));
    }
}
