package io.tickflow.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.event.EventRecord;
import io.tickflow.venue.BadFrame;
import io.tickflow.venue.BinanceNormalizer;
import io.tickflow.venue.BitfinexNormalizer;
import io.tickflow.venue.BitmexNormalizer;
import io.tickflow.venue.CoinbaseNormalizer;
import io.tickflow.venue.FrameNormalizer;
import io.tickflow.venue.KrakenNormalizer;

/** A recorded fixture run through a normalizer, frame by frame, as a connection would. */
public final class FixtureReplay {

    static final Instant RECEIVED = Instant.parse("2026-11-25T12:00:00.123456Z");
    /** Every recorded fixture of a channel the feeds read, with a normalizer of its feed. */
    public static final Map<String, Supplier<FrameNormalizer>> FIXTURES = Map.ofEntries(
            Map.entry("binance_spot_aggTrade.jsonl", () -> new BinanceNormalizer("binance")),
            Map.entry("binance_spot_kline.jsonl", () -> new BinanceNormalizer("binance")),
            Map.entry("binance_spot_bookTicker.jsonl", () -> new BinanceNormalizer("binance")),
            Map.entry("binance_usdm_aggTrade.jsonl", () -> new BinanceNormalizer("binance-usdm")),
            Map.entry("binance_usdm_kline.jsonl", () -> new BinanceNormalizer("binance-usdm")),
            Map.entry("binance_usdm_forceOrder.jsonl", () -> new BinanceNormalizer("binance-usdm")),
            Map.entry("binance_usdm_bookTicker.jsonl", () -> new BinanceNormalizer("binance-usdm")),
            Map.entry("bitmex_trade.jsonl", BitmexNormalizer::new),
            Map.entry("bitmex_quote.jsonl", BitmexNormalizer::new),
            Map.entry("bitfinex_trades.jsonl", BitfinexNormalizer::new),
            Map.entry("coinbase_matches.jsonl", CoinbaseNormalizer::new),
            Map.entry("coinbase_ticker.jsonl", CoinbaseNormalizer::new),
            Map.entry("kraken_trade.jsonl", KrakenNormalizer::new),
            Map.entry("kraken_ticker.jsonl", KrakenNormalizer::new));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The events of the accepted frames, in order. */
    public final List<JsonNode> events = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();
    int controlFrames;

    public static FixtureReplay of(String file, FrameNormalizer normalizer) throws Exception {
        FixtureReplay replay = new FixtureReplay();
        for (String frame : ReplayServer.fixture(file)) {
            try {
                List<EventRecord> records = normalizer.normalize(frame, RECEIVED);
                if (records.isEmpty()) {
                    replay.controlFrames++;
                }
                for (EventRecord record : records) {
                    JsonNode event = JSON.readTree(record.json());
                    if (!record.key().equals(event.get("exchange").asText() + ":" + event.get("symbol").asText())) {
                        throw new AssertionError("key " + record.key() + " of " + event);
                    }
                    replay.events.add(event);
                }
            } catch (BadFrame e) {
                replay.rejected.add(e.getMessage());
            }
        }
        return replay;
    }

    long count(String field, String value) {
        return events.stream().filter(e -> e.get(field).asText().equals(value)).count();
    }

    JsonNode first(String field, String value) {
        return events.stream().filter(e -> e.get(field).asText().equals(value)).findFirst()
                .orElseThrow(() -> new AssertionError("no event with " + field + "=" + value));
    }
}
