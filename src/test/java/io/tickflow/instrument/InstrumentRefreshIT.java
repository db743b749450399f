package io.tickflow.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Downloads from a local HTTP server answering what a test sets: a good answer fills the registry
 * and the cache; garbage, an error status or no server at all leave the registry as it was and
 * say why; a restart without the endpoint reads the cache.
 */
class InstrumentRefreshIT {

    private final AtomicReference<Answer> answer = new AtomicReference<>();
    private HttpServer server;
    @TempDir
    Path cacheDir;

    private record Answer(int status, byte[] body) {
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Answer a = answer.get();
            exchange.sendResponseHeaders(a.status(), a.body().length);
            exchange.getResponseBody().write(a.body());
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void answer(int status, String fixtureOrText) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/instruments/" + fixtureOrText)) {
            answer.set(new Answer(status, in != null ? in.readAllBytes() : fixtureOrText.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private InstrumentRefresh refresh(InstrumentRegistry registry, String url) {
        return new InstrumentRefresh(registry, new InstrumentCache(cacheDir), List.of(InstrumentSource.of("binance-coinm", url)),
                Duration.ofSeconds(2));
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/dapi/v1/exchangeInfo";
    }

    @Test
    void aGoodAnswerFillsTheRegistryAndTheCache() throws IOException {
        answer(200, "binance-coinm-exchangeInfo.json");
        InstrumentRegistry registry = new InstrumentRegistry();
        InstrumentRefresh refresh = refresh(registry, url());
        refresh.download();
        assertEquals("BTC-USD-PERP", registry.find("binance-coinm", "BTCUSD_PERP").orElseThrow().symbol());
        assertEquals(3, registry.instruments("binance-coinm").size());
        assertTrue(refresh.status().get("binance-coinm").ok());
        assertTrue(Files.exists(cacheDir.resolve("binance-coinm.json")));
    }

    @Test
    void garbageAnErrorOrNoAnswerKeepTheLoadedInstruments() throws IOException {
        answer(200, "binance-coinm-exchangeInfo.json");
        InstrumentRegistry registry = new InstrumentRegistry();
        InstrumentRefresh refresh = refresh(registry, url());
        refresh.download();
        String cached = Files.readString(cacheDir.resolve("binance-coinm.json"));

        answer(200, "<html>maintenance</html>");
        refresh.download();
        assertKept(registry, refresh, cached, "not JSON");

        answer(200, "{\"symbols\":[{\"symbol\":\"BTCUSD_PERP\",\"contractType\":\"PERPETUAL\"}]}");
        refresh.download();
        assertKept(registry, refresh, cached, "no number \"contractSize\"");

        answer(418, "{\"code\":-1003,\"msg\":\"banned\"}");
        refresh.download();
        assertKept(registry, refresh, cached, "HTTP 418");

        InstrumentRefresh unreachable = new InstrumentRefresh(registry, new InstrumentCache(cacheDir),
                List.of(InstrumentSource.of("binance-coinm", "http://127.0.0.1:" + closedPort() + "/dapi/v1/exchangeInfo")),
                Duration.ofSeconds(2));
        unreachable.download();
        assertKept(registry, unreachable, cached, "keeping the 3 instruments loaded before");
    }

    @Test
    void anAnswerWithBadRowsStoresTheGoodOnesAndSkippedInstrumentsKeepTheirEarlierEntry() throws IOException {
        answer(200, "binance-coinm-exchangeInfo.json");
        InstrumentRegistry registry = new InstrumentRegistry();
        InstrumentRefresh refresh = refresh(registry, url());
        refresh.download();
        InstrumentSpec before = registry.find("binance-coinm", "BTCUSD_PERP").orElseThrow();

        // BTCUSD_PERP lost its contract size, NEWUSD_PERP has no base asset; ETHUSD_PERP and SOLUSD_PERP are good
        answer(200, """
                {"symbols":[
                  {"symbol":"BTCUSD_PERP","contractType":"PERPETUAL","baseAsset":"BTC","quoteAsset":"USD","marginAsset":"BTC"},
                  {"symbol":"ETHUSD_PERP","contractType":"PERPETUAL","baseAsset":"ETH","quoteAsset":"USD","marginAsset":"ETH",
                   "contractSize":10},
                  {"symbol":"NEWUSD_PERP","contractType":"PERPETUAL","quoteAsset":"USD","marginAsset":"NEW","contractSize":10},
                  {"symbol":"SOLUSD_PERP","contractType":"PERPETUAL","baseAsset":"SOL","quoteAsset":"USD","marginAsset":"SOL",
                   "contractSize":10}]}""");
        refresh.download();

        assertEquals(java.util.Set.of("BTCUSD_PERP", "ETHUSD_PERP", "SOLUSD_PERP"), registry.instruments("binance-coinm").stream()
                .map(InstrumentSpec::rawSymbol).collect(java.util.stream.Collectors.toSet()));
        assertEquals(before, registry.find("binance-coinm", "BTCUSD_PERP").orElseThrow());
        assertEquals(new java.math.BigDecimal("10"), registry.find("binance-coinm", "SOLUSD_PERP").orElseThrow().contractSize());
        InstrumentRefresh.Outcome outcome = refresh.status().get("binance-coinm");
        assertTrue(outcome.ok(), outcome.message());
        assertEquals(2, outcome.skippedRows());
        assertEquals(3, outcome.instruments());
        assertTrue(outcome.message().contains("; 2 bad rows skipped, the first: no number \"contractSize\""), outcome.message());
        String cached = Files.readString(cacheDir.resolve("binance-coinm.json"));
        assertTrue(cached.contains("SOLUSD_PERP") && cached.contains("BTCUSD_PERP") && !cached.contains("NEWUSD_PERP"), cached);
    }

    @Test
    void aRestartWithoutTheEndpointReadsTheCache() throws IOException {
        answer(200, "binance-coinm-exchangeInfo.json");
        refresh(new InstrumentRegistry(), url()).download();
        server.stop(0);

        InstrumentRegistry afterRestart = new InstrumentRegistry();
        InstrumentRefresh refresh = refresh(afterRestart, url());
        refresh.loadCache();
        refresh.download();
        InstrumentSpec perp = afterRestart.find("binance-coinm", "BTCUSD_PERP").orElseThrow();
        assertEquals(new InstrumentSpec("binance-coinm", "BTCUSD_PERP", "BTC", "USD", "BTC", InstrumentType.PERPETUAL, null,
                new java.math.BigDecimal("100"), true, new java.math.BigDecimal("0.1"), java.math.BigDecimal.ONE), perp);
        assertEquals(java.time.LocalDate.of(2025, 3, 28), afterRestart.find("binance-coinm", "BTCUSD_250328").orElseThrow().expiry());
        assertFalse(refresh.status().get("binance-coinm").ok());
    }

    private void assertKept(InstrumentRegistry registry, InstrumentRefresh refresh, String cached, String reason) throws IOException {
        assertEquals(3, registry.instruments("binance-coinm").size());
        InstrumentRefresh.Outcome outcome = refresh.status().get("binance-coinm");
        assertFalse(outcome.ok());
        assertTrue(outcome.message().contains(reason), outcome.message());
        assertTrue(outcome.message().contains("keeping the 3 instruments loaded before"), outcome.message());
        assertEquals(cached, Files.readString(cacheDir.resolve("binance-coinm.json")));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
