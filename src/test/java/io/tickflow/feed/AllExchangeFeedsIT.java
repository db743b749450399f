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
 * Binance spot, BitMEX, Bitfinex, Coinbase and Kraken feeds, each against a replay server of its
 * exchange, all in one Tickflow: every recorded data frame reaches its Kafka topic as events.
 */
class AllExchangeFeedsIT {

    private final SharedServers servers = SharedServers.get();
    private RecordedExchanges exchanges;
    private Map<String, String> props;

    @BeforeEach
    void start() throws Exception {
        exchanges = new RecordedExchanges();
        props = new HashMap<>(servers.isolatedProperties());
        exchanges.configure(props);
    }

    @AfterEach
    void stop() throws Exception {
        exchanges.close();
        servers.dropIsolated(props);
    }

    @Test
    void everyExchangesRecordedDataReachesKafkaNormalized() throws Exception {
        try (RunningTickflow app = RunningTickflow.start(props)) {
            List<String> feeds = app.camelContext().getEndpoints().stream().map(e -> e.getEndpointUri())
                    .filter(uri -> uri.startsWith("wsfeed:")).toList();
            assertEquals(10, feeds.size(), "a feed endpoint for each name in tickflow.feeds: " + feeds);
            assertTrue(feeds.stream().noneMatch(uri -> uri.contains("binance-usdm") || uri.contains("bitfinex-candles")),
                    "feeds not named in tickflow.feeds have no connection at all: " + feeds);
            Await.until(ofSeconds(60), "354 trades, 642 quotes, 2 candles and 5 dead letters",
                    () -> read("trades").size() == 354 && read("quotes").size() == 642 && read("candles").size() == 2
                            && read("deadletter").size() == 5);
        }
        List<Keyed> trades = read("trades");
        assertEquals(Map.of("binance", 2L, "bitmex", 25L, "bitfinex", 210L, "coinbase", 107L, "kraken", 10L), countByExchange(trades));
        assertEquals(Map.of("binance", 84L, "bitmex", 433L, "coinbase", 107L, "kraken", 18L), countByExchange(read("quotes")));
        trades.forEach(t -> assertEvent(t.value(), "trade", null, null, null));

        JsonNode xbt = trades.stream().map(Keyed::value).filter(t -> t.get("rawSymbol").asText().equals("XBTUSD")).findFirst().orElseThrow();
        assertEquals("BTC-USD", xbt.get("symbol").asText());
        JsonNode coinbase = trades.stream().map(Keyed::value).filter(t -> t.get("tradeId").asText().equals("280232")).findFirst().orElseThrow();
        assertEquals(List.of("buy", "0.00001305", "985"), List.of(coinbase.get("side").asText(), coinbase.get("price").asText(),
                coinbase.get("amount").asText()), "Coinbase maker side sell: the taker bought");

        for (Keyed dead : read("deadletter")) {
            assertTrue(dead.value().get("source").asText().startsWith("bitmex-"), dead.toString());
            assertTrue(dead.value().get("reason").asText().matches("unknown symbol (XRPU21|TRXU21)"), dead.toString());
            assertTrue(dead.value().get("payload").asText().startsWith("{\"table\":"), "the raw frame is kept: " + dead);
        }
        assertEquals(0, read("status").size(), "no connection was lost: no gap");
        Map<String, Integer> feedsPerExchange = Map.of("binance", 3, "bitmex", 2, "bitfinex", 1, "coinbase", 2, "kraken", 2);
        feedsPerExchange.forEach((name, feeds) -> assertEquals(feeds, exchanges.server(name).handshakes(), name + ": one connection per feed"));
    }

    private static Map<String, Long> countByExchange(List<Keyed> records) {
        Map<String, Long> counts = new HashMap<>();
        records.forEach(r -> counts.merge(r.key().substring(0, r.key().indexOf(':')), 1L, Long::sum));
        return counts;
    }

    private List<Keyed> read(String topic) throws Exception {
        return TopicRecords.read(servers.kafkaBootstrap(), props.get("tickflow.topics." + topic));
    }
}
