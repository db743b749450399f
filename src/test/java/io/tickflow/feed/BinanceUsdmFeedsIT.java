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

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binance USD-M aggTrade, kline and forceOrder replayed through their Kamelets onto real Kafka topics. */
class BinanceUsdmFeedsIT {

    static final String ISO_MICROS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z";

    private final SharedServers servers = SharedServers.get();
    private Map<String, String> props;
    private ReplayServer exchange;

    @BeforeEach
    void start() throws Exception {
        exchange = ReplayServer.start(Map.of("@aggTrade", "binance_usdm_aggTrade.jsonl",
                "@kline_1m", "binance_usdm_kline.jsonl", "!forceOrder@arr", "binance_usdm_forceOrder.jsonl",
                "@bookTicker", "binance_usdm_bookTicker.jsonl"));
        props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.feeds", "binance-usdm-aggtrade,binance-usdm-kline,binance-usdm-liquidations,binance-usdm-bookticker");
        props.put("tickflow.feed.binance-usdm.market-url", exchange.url("/market/stream"));
        props.put("tickflow.feed.binance-usdm.public-url", exchange.url("/public/stream"));
        props.put("tickflow.feed.binance-usdm.symbols", "CTKUSDT,AKROUSDT,SUSHIUSDT");
    }

    @AfterEach
    void stop() throws Exception {
        exchange.close();
        servers.dropIsolated(props);
    }

    @Test
    void everyRecordedFrameBecomesOneExactEventOnItsTopic() throws Exception {
        try (RunningTickflow app = RunningTickflow.start(props)) {
            Await.until(ofSeconds(60), "91 trades, 67 candles, 1 liquidation and 613 quotes on Kafka",
                    () -> read("trades").size() == 91 && read("candles").size() == 67 && read("liquidations").size() == 1
                            && read("quotes").size() == 613);
        }
        List<Keyed> trades = read("trades");
        assertEquals(91, trades.size());
        assertEquals(44, trades.stream().filter(t -> t.value().get("side").asText().equals("sell")).count(),
                "44 frames have m=true (buyer was maker): the taker sold");
        Keyed first = trades.stream().filter(t -> t.value().get("tradeId").asText().equals("16599292")).findFirst().orElseThrow();
        assertEquals("binance-usdm:CTK-USDT", first.key());
        assertEvent(first.value(), "trade", "CTK-USDT", "CTKUSDT", "2021-07-22T22:25:41.421000Z");
        assertEquals("buy", first.value().get("side").asText());
        assertEquals("1.01100", first.value().get("price").asText(), "price kept exactly, trailing zeros too");
        assertEquals("10", first.value().get("amount").asText());
        trades.forEach(t -> assertEvent(t.value(), "trade", null, null, null));

        List<Keyed> candles = read("candles");
        assertEquals(4, candles.stream().filter(c -> c.value().get("closed").asBoolean()).count());
        JsonNode closedSushi = candles.stream().map(Keyed::value)
                .filter(c -> c.get("closed").asBoolean() && c.get("symbol").asText().equals("SUSHI-USDT")).findFirst().orElseThrow();
        assertEvent(closedSushi, "candle", "SUSHI-USDT", "SUSHIUSDT", "2021-07-22T22:25:00.000000Z");
        assertEquals(List.of("1m", "7.6080", "7.6180", "7.6070", "7.6170", "3005"), List.of(closedSushi.get("interval").asText(),
                closedSushi.get("open").asText(), closedSushi.get("high").asText(), closedSushi.get("low").asText(),
                closedSushi.get("close").asText(), closedSushi.get("volume").asText()));

        JsonNode liquidation = read("liquidations").get(0).value();
        assertEvent(liquidation, "liquidation", "BTC-USDT", "BTCUSDT", "2023-09-26T07:40:31.881000Z");
        assertEquals(List.of("sell", "26142.12", "0.115", "FILLED"), List.of(liquidation.get("side").asText(),
                liquidation.get("price").asText(), liquidation.get("amount").asText(), liquidation.get("orderStatus").asText()));

        assertEquals(0, read("deadletter").size(), "the subscription ack is no dead letter");
        assertEquals(4, exchange.handshakes(), "one connection per feed");
        assertTrue(exchange.received().contains(
                "{\"method\":\"SUBSCRIBE\",\"params\":[\"ctkusdt@aggTrade\",\"akrousdt@aggTrade\",\"sushiusdt@aggTrade\"],\"id\":1}"),
                "subscribed to each symbol's stream: " + exchange.received());
    }

    static void assertEvent(JsonNode e, String type, String symbol, String rawSymbol, String ts) {
        assertEquals(type, e.get("type").asText());
        assertTrue(e.get("ts").asText().matches(ISO_MICROS), "ts " + e);
        assertTrue(e.get("receivedTs").asText().matches(ISO_MICROS), "receivedTs " + e);
        assertTrue(e.get("symbol").asText().matches("[A-Z0-9]+-[A-Z0-9]+"), "BASE-QUOTE symbol " + e);
        if (symbol != null) {
            assertEquals(symbol, e.get("symbol").asText());
            assertEquals(rawSymbol, e.get("rawSymbol").asText());
            assertEquals(ts, e.get("ts").asText());
        }
    }

    private List<Keyed> read(String topic) throws Exception {
        return TopicRecords.read(servers.kafkaBootstrap(), props.get("tickflow.topics." + topic));
    }
}
