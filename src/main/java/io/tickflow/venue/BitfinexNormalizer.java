package io.tickflow.venue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.event.EventRecord;
import io.tickflow.event.MarketEvents;
import io.tickflow.event.MarketEvents.Candle;
import io.tickflow.event.MarketEvents.Instrument;
import io.tickflow.instrument.InstrumentLookup;
import io.tickflow.instrument.InstrumentSpec;

/**
 * Bitfinex v2 frames. Events ({"event":...}) carry acks and the chanId of each subscription;
 * data arrays are [chanId, payload, seq]. Trades: snapshot [[ID, MTS, AMOUNT, PRICE], ...] or
 * [chanId, "te", [ID, MTS, AMOUNT, PRICE], seq]; "tu" repeats a "te" and is skipped; the sign of
 * AMOUNT is the taker side; a trades snapshot (sent on every subscribe) drops the rows an earlier
 * connection published. Candles: [MTS, OPEN, CLOSE, HIGH, LOW, VOLUME], snapshot newest first.
 */
public final class BitfinexNormalizer implements FrameNormalizer {

    private static final String RECONNECT_CODE = "20051";

    private final MarketEvents events = new MarketEvents("bitfinex");
    private final Instruments instruments;
    private final Map<Long, Subscription> channels = new HashMap<>();
    private final PublishedTrades published;

    private record Subscription(String channel, InstrumentSpec spec, String interval) {

        Instrument instrument() {
            return Instruments.instrument(spec);
        }
    }

    /** By the built-in symbol rules alone, remembering no earlier connection. */
    public BitfinexNormalizer() {
        this(Instruments.of("bitfinex", InstrumentLookup.NONE), new PublishedTrades());
    }

    /** published: the feed's trades of earlier connections, so that a trades snapshot does not repeat them. */
    public BitfinexNormalizer(Instruments instruments, PublishedTrades published) {
        this.instruments = instruments;
        this.published = published;
    }

    @Override
    public List<EventRecord> normalize(String frame, Instant receivedTs) {
        JsonNode root = Frames.parse(frame);
        if (root.isObject()) {
            return event(root);
        }
        if (!root.isArray() || root.size() < 2 || !root.get(0).canConvertToLong()) {
            throw new BadFrame("unknown message shape");
        }
        JsonNode payload = root.get(1);
        if (payload.isTextual() && payload.asText().equals("hb")) {
            return List.of();
        }
        Subscription sub = channels.get(root.get(0).asLong());
        if (sub == null) {
            throw new BadFrame("data for unknown channel " + root.get(0));
        }
        if (payload.isTextual()) {
            return switch (payload.asText()) {
                case "te" -> trade(sub, root.get(2), null, receivedTs);
                case "tu" -> List.of();
                default -> throw new BadFrame("unknown message " + payload.asText());
            };
        }
        if (!payload.isArray()) {
            throw new BadFrame("unknown message shape");
        }
        if (payload.isEmpty()) {
            return List.of();
        }
        if (!payload.get(0).isArray()) {
            return sub.channel().equals("trades") ? trade(sub, payload, null, receivedTs) : List.of(candle(sub, payload, receivedTs, false));
        }
        // a snapshot: each row on its own; of candles, newest first, only the first may still change
        JsonNode newest = payload.get(0);
        PublishedTrades before = sub.channel().equals("trades") ? published.copy() : null;
        return Rows.each(payload, item -> sub.channel().equals("trades") ? trade(sub, item, before, receivedTs)
                : List.of(candle(sub, item, receivedTs, item != newest)));
    }

    private List<EventRecord> event(JsonNode root) {
        String event = Frames.text(root, "event");
        switch (event) {
            case "info" -> {
                if (root.has("code") && root.get("code").asText().equals(RECONNECT_CODE)) {
                    throw new ReconnectRequested("Bitfinex asked clients to reconnect (info " + RECONNECT_CODE + ")");
                }
            }
            case "subscribed" -> subscribed(root);
            case "error" -> throw new BadFrame("exchange error: " + root.path("msg").asText() + " (" + root.path("code").asText() + ")");
            case "conf", "pong", "unsubscribed" -> {
            }
            default -> throw new BadFrame("unknown event " + event);
        }
        return List.of();
    }

    private void subscribed(JsonNode root) {
        String channel = Frames.text(root, "channel");
        long chanId = root.path("chanId").asLong();
        if (channel.equals("trades")) {
            channels.put(chanId, new Subscription(channel, instruments.spec(Frames.text(root, "symbol")), null));
        } else if (channel.equals("candles")) {
            String[] key = Frames.text(root, "key").split(":", 3);
            if (key.length != 3) {
                throw new BadFrame("unknown candle key " + root.get("key"));
            }
            channels.put(chanId, new Subscription(channel, instruments.spec(key[2]), key[1]));
        }
    }

    /** before: for a snapshot's row, what was published before the snapshot; null for a live trade. */
    private List<EventRecord> trade(Subscription sub, JsonNode t, PublishedTrades before, Instant receivedTs) {
        EventRecord trade = trade(sub.spec(), t, receivedTs);
        Instant ts = millis(t.get(1));
        String id = t.get(0).asText();
        if (before != null && before.seen(sub.spec().rawSymbol(), ts, id)) {
            return List.of();
        }
        published.published(sub.spec().rawSymbol(), ts, id);
        return List.of(trade);
    }

    /**
     * A trade [ID, MTS, AMOUNT, PRICE] of an instrument: of the trades channel, or of the REST API's
     * GET trades/{symbol}/hist (the same rows), as the backfill reads them.
     */
    public EventRecord trade(InstrumentSpec spec, JsonNode t, Instant receivedTs) {
        if (t == null || !t.isArray() || t.size() < 4) {
            throw new BadFrame("trade is not [ID, MTS, AMOUNT, PRICE]");
        }
        var amount = Decimals.parse(t.get(2), "amount");
        if (amount.signum() == 0) {
            throw new BadFrame("amount must not be zero");
        }
        var price = Decimals.positive(Decimals.parse(t.get(3), "price"), "price");
        return events.trade(Instruments.instrument(spec), millis(t.get(1)), receivedTs, amount.signum() > 0 ? "buy" : "sell",
                price, Instruments.amounts(spec, amount.abs(), price), t.get(0).asText());
    }

    private EventRecord candle(Subscription sub, JsonNode c, Instant receivedTs, boolean closed) {
        if (c == null || !c.isArray() || c.size() < 6) {
            throw new BadFrame("candle is not [MTS, OPEN, CLOSE, HIGH, LOW, VOLUME]");
        }
        Candle candle = Decimals.candle(Decimals.parse(c.get(1), "open"), Decimals.parse(c.get(3), "high"),
                Decimals.parse(c.get(4), "low"), Decimals.parse(c.get(2), "close"), Decimals.parse(c.get(5), "volume"));
        return events.candle(sub.instrument(), millis(c.get(0)), receivedTs, sub.interval(), candle, closed);
    }

    private static Instant millis(JsonNode value) {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() <= 0) {
            throw new BadFrame("not an epoch-millisecond time: " + value);
        }
        return Instant.ofEpochMilli(value.asLong());
    }
}
