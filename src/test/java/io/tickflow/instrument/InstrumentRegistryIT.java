package io.tickflow.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry in a running Tickflow, its endpoints served locally from the recorded answers:
 * a feed configured with a symbol the venue's list does not have stops the start naming the feed
 * and the symbol; with known symbols Tickflow starts and writes the instruments table.
 */
class InstrumentRegistryIT {

    private final SharedServers servers = SharedServers.get();
    private final Map<String, String> props = new HashMap<>(servers.isolatedProperties());
    private HttpServer server;

    @BeforeEach
    void serveInstruments() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serve("/binance", "binance-spot-exchangeInfo.json");
        serve("/binance-usdm", "binance-usdm-exchangeInfo.json");
        serve("/binance-coinm", "binance-coinm-exchangeInfo.json");
        serve("/bitmex", "bitmex-instrument-active.json");
        serve("/bitfinex", "bitfinex-conf-pub-info-pair.json");
        serve("/coinbase", "coinbase-products.json");
        serve("/kraken", "kraken-asset-pairs.json");
        server.createContext("/garbage", exchange -> {
            byte[] body = "<html>503 Service Temporarily Unavailable</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/coinbase-bad-rows", exchange -> {
            byte[] body = ("[{\"id\":\"BTC-USD\",\"base_currency\":\"BTC\",\"quote_currency\":\"USD\"},{\"id\":\"ETH-USD\"},"
                    + "{\"id\":\"SOL-USD\",\"base_currency\":\"SOL\",\"quote_currency\":\"USD\",\"quote_increment\":\"n/a\"}]")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        for (String venue : List.of("binance", "binance-usdm", "binance-coinm", "bitmex", "bitfinex", "coinbase", "kraken")) {
            props.put("tickflow.instruments." + venue + ".url", base + "/" + venue);
        }
        props.put("tickflow.instruments.enabled", "true");
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        props.put("tickflow.feeds", "bitmex-trade");
        // nothing listens there: the feed keeps reconnecting, which this test does not need
        props.put("tickflow.feed.bitmex.url", "ws://127.0.0.1:" + closedPort() + "/realtime");
    }

    @AfterEach
    void cleanUp() throws Exception {
        server.stop(0);
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

    private void serve(String path, String fixture) {
        server.createContext(path, exchange -> {
            try (InputStream in = getClass().getResourceAsStream("/instruments/" + fixture)) {
                byte[] body = in.readAllBytes();
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
    }

    @Test
    void aSymbolTheVenueDoesNotListStopsTheStartNamingFeedAndSymbol() {
        props.put("tickflow.feed.bitmex.symbols", "XBTUSD,XBTZ99,XBTUSDT");
        AssertionError failure = assertThrows(AssertionError.class, () -> RunningTickflow.start(props).close());
        Throwable cause = failure.getCause();
        while (cause != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        assertTrue(cause != null, "the start failed for another reason: " + failure.getCause());
        assertEquals("feed bitmex-trade: bitmex has no instrument XBTZ99 (instrument registry)", cause.getMessage());
    }

    @Test
    void knownSymbolsStartAndTheTableIsWritten() throws Exception {
        props.put("tickflow.feed.bitmex.symbols", "XBTUSD,XBTZ24,XBTUSDT");
        try (RunningTickflow tickflow = RunningTickflow.start(props)) {
            String table = props.get("tickflow.instruments.table");
            Await.until(Duration.ofSeconds(30), "the instruments table", () -> rows(table, "binance-coinm").size() == 3
                    && rows(table, "bitmex").size() == 4);
            assertEquals(List.of("BTCUSD_250328 BTC-USD-20250328 BTC USD BTC future 2025-03-28 100 t 0.1 1",
                    "BTCUSD_PERP BTC-USD-PERP BTC USD BTC perpetual null 100 t 0.1 1",
                    "ETHUSD_PERP ETH-USD-PERP ETH USD ETH perpetual null 10 t 0.01 1"), rows(table, "binance-coinm"));
            assertEquals(2, rows(table, "binance").size());
            assertEquals(2, rows(table, "binance-usdm").size());
            Await.until(Duration.ofSeconds(30), "the new venues in the table", () -> rows(table, "kraken").size() == 4);
            assertEquals(List.of("tBFTUSD BFT-USD BFT USD USD spot null 1 f null null",
                    "tBTCF0:USTF0 BTC-USDT-PERP BTC USDT USDT perpetual null 1 f null null",
                    "tBTCUSD BTC-USD BTC USD USD spot null 1 f null null",
                    "tETHF0:USTF0 ETH-USDT-PERP ETH USDT USDT perpetual null 1 f null null",
                    "tIOTETH IOT-ETH IOT ETH ETH spot null 1 f null null",
                    "tTESTBTC:TESTUSD TESTBTC-TESTUSD TESTBTC TESTUSD TESTUSD spot null 1 f null null"), rows(table, "bitfinex"));
            assertEquals(4, rows(table, "coinbase").size());
            assertTrue(rows(table, "kraken").contains("XBT/USD BTC-USD BTC USD USD spot null 1 f 0.1 0.00000001"), rows(table, "kraken")
                    .toString());
            String health = tickflow.get("/api/health").body();
            assertTrue(health.contains("instruments"), health);
        }
    }

    @Test
    void aVenueAnsweringGarbageLeavesTheBuiltInRulesAndSaysSoInHealth() throws Exception {
        props.put("tickflow.instruments.bitmex.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/garbage");
        // not in any list: bitmex has none loaded, so the symbol is not refused
        props.put("tickflow.feed.bitmex.symbols", "XBTZ99");
        try (RunningTickflow tickflow = RunningTickflow.start(props)) {
            String health = tickflow.get("/api/health").body();
            assertTrue(health.matches("(?s).*\"instruments\":\\{\"status\":\"UP\",\"message\":\"last download failed, older"
                    + " instruments in use: bitmex: http://127.0.0.1:\\d+/garbage failed: not JSON.*none loaded, its symbols go by the"
                    + " built-in rules\".*"), health);
            assertTrue(rows(props.get("tickflow.instruments.table"), "bitmex").isEmpty());
        }
    }

    @Test
    void aVenueAnsweringSomeBadRowsStoresTheGoodOnesAndHealthCountsTheBadOnes() throws Exception {
        props.put("tickflow.instruments.coinbase.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/coinbase-bad-rows");
        props.put("tickflow.feed.bitmex.symbols", "XBTUSD");
        try (RunningTickflow tickflow = RunningTickflow.start(props)) {
            String table = props.get("tickflow.instruments.table");
            Await.until(Duration.ofSeconds(30), "coinbase in the table", () -> rows(table, "coinbase").size() == 1);
            assertEquals(List.of("BTC-USD BTC-USD BTC USD USD spot null 1 f null null"), rows(table, "coinbase"));
            String health = tickflow.get("/api/health").body();
            assertTrue(health.contains("\"instruments\":{\"status\":\"UP\",\"message\":\"bad rows skipped in the last download:"
                    + " coinbase 2\"}"), health);
        }
    }

    private List<String> rows(String table, String exchange) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = servers.postgresConnection(); Statement s = c.createStatement()) {
            ResultSet r;
            try {
                r = s.executeQuery("SELECT raw_symbol, symbol, base, quote, settle, type, expiry, contract_size, inverse, tick_size,"
                        + " lot_size FROM " + table + " WHERE exchange = '" + exchange + "' ORDER BY raw_symbol");
            } catch (java.sql.SQLException e) {
                return rows;
            }
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= 11; i++) {
                    row.append(i > 1 ? " " : "").append(r.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
