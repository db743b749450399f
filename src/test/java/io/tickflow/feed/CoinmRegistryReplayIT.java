package io.tickflow.feed;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
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
 * Binance COIN-M trades and liquidations replayed (exchanges/binance_coinm_*.jsonl) with the
 * instrument registry on, its COIN-M list downloaded from a local server answering the recorded
 * exchangeInfo (instruments/binance-coinm-exchangeInfo.json): symbols, sides, base and quote
 * amounts exactly, from the registry's contract sizes. So that the events show where the size came
 * from, the answer gives ETHUSD_PERP 100 USD a contract where the recording (and the built-in rule
 * for contracts other than BTC's) has 10.
 */
class CoinmRegistryReplayIT {

    private final SharedServers servers = SharedServers.get();
    private Map<String, String> props;
    private ReplayServer exchange;
    private HttpServer instruments;

    @BeforeEach
    void start() throws Exception {
        exchange = ReplayServer.start(Map.of("@aggTrade", "binance_coinm_aggTrade.jsonl",
                "!forceOrder@arr", "binance_coinm_forceOrder.jsonl"));
        String recorded;
        try (InputStream in = getClass().getResourceAsStream("/instruments/binance-coinm-exchangeInfo.json")) {
            recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String answer = ethContractsOf100Usd(recorded);
        instruments = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        instruments.createContext("/dapi/v1/exchangeInfo", http -> {
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            http.sendResponseHeaders(200, body.length);
            http.getResponseBody().write(body);
            http.close();
        });
        instruments.start();

        props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        props.put("tickflow.feeds", "binance-coinm-aggtrade,binance-coinm-liquidations");
        props.put("tickflow.feed.binance-coinm.url", exchange.url("/stream"));
        props.put("tickflow.feed.binance-coinm.symbols", "BTCUSD_PERP,BTCUSD_250328,ETHUSD_PERP");
        props.put("tickflow.instruments.enabled", "true");
        props.put("tickflow.instruments.binance-coinm.url",
                "http://127.0.0.1:" + instruments.getAddress().getPort() + "/dapi/v1/exchangeInfo");
        // the other venues answer nothing (at once): their symbols go by the built-in rules
        String closed = "http://127.0.0.1:" + closedPort() + "/";
        for (String venue : List.of("binance", "binance-usdm", "bitmex", "bitfinex", "coinbase", "kraken")) {
            props.put("tickflow.instruments." + venue + ".url", closed + venue);
        }
    }

    /** The recorded answer, but ETHUSD_PERP worth 100 USD a contract (no other instrument has contractSize 10). */
    private static String ethContractsOf100Usd(String recorded) {
        assertEquals(1, recorded.split("\"contractSize\": ?10[,\\s]", -1).length - 1, "the recording has one contract of 10 USD");
        return recorded.replaceFirst("\"contractSize\": ?10([,\\s])", "\"contractSize\": 100$1");
    }

    @AfterEach
    void stop() throws Exception {
        exchange.close();
        instruments.stop(0);
        servers.dropIsolated(props);
        Path cache = Path.of(props.get("tickflow.instruments.cache-dir"));
        if (Files.exists(cache)) {
            try (Stream<Path> files = Files.walk(cache)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void contractSizesComeFromTheRegistry() throws Exception {
        try (RunningTickflow app = RunningTickflow.start(props)) {
            Await.until(ofSeconds(60), "3 trades and 2 liquidations on Kafka",
                    () -> read("trades").size() == 3 && read("liquidations").size() == 2);
            String health = app.get("/api/health").body();
            assertTrue(health.contains("\"instruments\":{\"status\":\"UP\""), health);
        }
        Map<String, JsonNode> trades = new HashMap<>();
        read("trades").forEach(t -> trades.put(t.value().get("tradeId").asText(), t.value()));
        // BTC: 100 USD a contract, in the recording as in the rule; 2 at 9643.5 is 200 USD, 200 / 9643.5 BTC
        assertTrade(trades.get("424951"), "BTC-USD-PERP", "BTCUSD_PERP", "2025-01-15T12:00:00.123000Z",
                List.of("buy", "9643.5", "2", "0.020739358116866283", "200"));
        assertTrade(trades.get("424952"), "BTC-USD-20250328", "BTCUSD_250328", "2025-01-15T12:00:01.456000Z",
                List.of("sell", "96500.0", "5", "0.005181347150259067", "500"));
        // ETH: the registry's 100 USD a contract (the rule's 10 would make these 40 and 0.016)
        assertTrade(trades.get("118204"), "ETH-USD-PERP", "ETHUSD_PERP", "2025-01-15T12:00:02.789000Z",
                List.of("sell", "2500.00", "4", "0.16", "400"));

        Map<String, JsonNode> liquidations = new HashMap<>();
        read("liquidations").forEach(l -> liquidations.put(l.value().get("rawSymbol").asText(), l.value()));
        JsonNode btc = liquidations.get("BTCUSD_250328");
        assertEvent(btc, "liquidation", "BTC-USD-20250328", "BTCUSD_250328", "2025-01-15T12:00:00.949000Z");
        assertEquals(List.of("sell", "9425.5", "1", "0.010609516736512652", "100"), fields(btc));
        JsonNode eth = liquidations.get("ETHUSD_PERP");
        assertEvent(eth, "liquidation", "ETH-USD-PERP", "ETHUSD_PERP", "2025-01-15T12:00:03.947000Z");
        // 300 USD at 3210.5: 0.0934433888802367232..., rounded half-even at the 18th decimal
        assertEquals(List.of("buy", "3210.5", "3", "0.093443388880236723", "300"), fields(eth));
        assertEquals(0, read("deadletter").size(), read("deadletter").toString());
    }

    private static void assertTrade(JsonNode t, String symbol, String raw, String ts, List<String> sideToQuote) {
        assertEvent(t, "trade", symbol, raw, ts);
        assertEquals(sideToQuote, fields(t), t.toString());
    }

    private static List<String> fields(JsonNode e) {
        return Stream.of("side", "price", "amount", "baseAmount", "quoteAmount").map(n -> e.get(n).asText()).toList();
    }

    private List<Keyed> read(String topic) throws Exception {
        return TopicRecords.read(servers.kafkaBootstrap(), props.get("tickflow.topics." + topic));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
