package io.tickflow.feed;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.feed.TopicRecords.Keyed;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tickflow.feed.BinanceUsdmFeedsIT.assertEvent;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Binance COIN-M aggTrade, kline, bookTicker and forceOrder (frames written from Binance's
 * documented examples, see exchanges/PROVENANCE.md) replayed through their Kamelets onto real
 * Kafka topics: perpetual and quarterly symbols, inverse base and quote amounts and sides exactly.
 */
class BinanceCoinmFeedsIT {

    private final SharedServers servers = SharedServers.get();
    private Map<String, String> props;
    private ReplayServer exchange;

    @BeforeEach
    void start() throws Exception {
        exchange = ReplayServer.start(Map.of("@aggTrade", "binance_coinm_aggTrade.jsonl",
                "@kline_1m", "binance_coinm_kline.jsonl", "!forceOrder@arr", "binance_coinm_forceOrder.jsonl",
                "@bookTicker", "binance_coinm_bookTicker.jsonl"));
        props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.feeds", "binance-coinm-aggtrade,binance-coinm-kline,binance-coinm-liquidations,binance-coinm-bookticker");
        props.put("tickflow.feed.binance-coinm.url", exchange.url("/stream"));
        props.put("tickflow.feed.binance-coinm.symbols", "BTCUSD_PERP,BTCUSD_250328,ETHUSD_PERP");
    }

    @AfterEach
    void stop() throws Exception {
        exchange.close();
        servers.dropIsolated(props);
    }

    @Test
    void documentedFramesBecomeExactEventsWithInverseBaseAmounts() throws Exception {
        try (RunningTickflow app = RunningTickflow.start(props)) {
            Await.until(ofSeconds(60), "3 trades, 2 candles, 2 liquidations and 2 quotes on Kafka",
                    () -> read("trades").size() == 3 && read("candles").size() == 2 && read("liquidations").size() == 2
                            && read("quotes").size() == 2);
        }
        Map<String, JsonNode> trades = byId(read("trades"), "tradeId");
        assertEquals(3, trades.size());
        // 2 contracts of 100 USD at 9643.5 USD: 200 / 9643.5 BTC, rounded half-even at 18 decimals
        assertTrade(trades.get("424951"), "BTC-USD-PERP", "BTCUSD_PERP", "2025-01-15T12:00:00.123000Z", "buy", "9643.5", "2",
                "0.020739358116866283", "200");
        assertTrade(trades.get("424952"), "BTC-USD-20250328", "BTCUSD_250328", "2025-01-15T12:00:01.456000Z", "sell", "96500.0",
                "5", "0.005181347150259067", "500");
        // ETH contracts are 10 USD: 40 / 2500.00 ETH
        assertTrade(trades.get("118204"), "ETH-USD-PERP", "ETHUSD_PERP", "2025-01-15T12:00:02.789000Z", "sell", "2500.00", "4",
                "0.016", "40");

        List<Keyed> liquidations = read("liquidations");
        JsonNode btc = liquidations.stream().map(Keyed::value).filter(l -> l.get("rawSymbol").asText().equals("BTCUSD_250328"))
                .findFirst().orElseThrow();
        assertEvent(btc, "liquidation", "BTC-USD-20250328", "BTCUSD_250328", "2025-01-15T12:00:00.949000Z");
        assertEquals(List.of("sell", "9425.5", "1", "0.010609516736512652", "100", "FILLED"), fields(btc, "side", "price", "amount",
                "baseAmount", "quoteAmount", "orderStatus"));
        JsonNode eth = liquidations.stream().map(Keyed::value).filter(l -> l.get("rawSymbol").asText().equals("ETHUSD_PERP"))
                .findFirst().orElseThrow();
        assertEvent(eth, "liquidation", "ETH-USD-PERP", "ETHUSD_PERP", "2025-01-15T12:00:03.947000Z");
        assertEquals(List.of("buy", "3210.5", "3", "0.009344338888023672", "30"), fields(eth, "side", "price", "amount", "baseAmount",
                "quoteAmount"));

        JsonNode closed = read("candles").stream().map(Keyed::value).filter(c -> c.get("closed").asBoolean()).findFirst().orElseThrow();
        assertEvent(closed, "candle", "BTC-USD-20250328", "BTCUSD_250328", "2025-01-15T11:59:00.000000Z");
        assertEquals(List.of("1m", "96480.1", "96512.3", "96470.0", "96500.0", "212"),
                fields(closed, "interval", "open", "high", "low", "close", "volume"));

        JsonNode quote = read("quotes").stream().map(Keyed::value).filter(q -> q.get("rawSymbol").asText().equals("BTCUSD_250328"))
                .findFirst().orElseThrow();
        assertEvent(quote, "quote", "BTC-USD-20250328", "BTCUSD_250328", "2025-01-15T12:00:00.155000Z");
        assertEquals(List.of("9548.1", "52", "9548.5", "11"), fields(quote, "bidPrice", "bidSize", "askPrice", "askSize"));

        assertEquals(0, read("deadletter").size(), "no frame is an unknown symbol: " + read("deadletter"));
        assertEquals(4, exchange.handshakes(), "one connection per feed");
        assertTrue(exchange.received().contains(
                "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusd_perp@aggTrade\",\"btcusd_250328@aggTrade\",\"ethusd_perp@aggTrade\"],\"id\":1}"),
                "subscribed to each symbol's stream: " + exchange.received());
    }

    /** quoteAmount: the contracts' USD value, amount x contract size exactly (COIN-M sends no notional) */
    private static void assertTrade(JsonNode t, String symbol, String raw, String ts, String side, String price, String amount,
            String baseAmount, String quoteAmount) {
        assertEvent(t, "trade", symbol, raw, ts);
        assertEquals(List.of(side, price, amount, baseAmount, quoteAmount), fields(t, "side", "price", "amount", "baseAmount",
                "quoteAmount"), t.toString());
        assertTrue(t.get("quoteAmount").isTextual(), "a decimal is a JSON string: " + t);
    }

    private static List<String> fields(JsonNode e, String... names) {
        return java.util.Arrays.stream(names).map(n -> e.get(n).asText()).toList();
    }

    private static Map<String, JsonNode> byId(List<Keyed> records, String field) {
        Map<String, JsonNode> byId = new HashMap<>();
        records.forEach(r -> byId.put(r.value().get(field).asText(), r.value()));
        return byId;
    }

    private List<Keyed> read(String topic) throws Exception {
        return TopicRecords.read(servers.kafkaBootstrap(), props.get("tickflow.topics." + topic));
    }
}
