package io.tickflow.stream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.testing.Await;
import io.tickflow.testing.Events;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Subscribing by symbol: a client asking for BTC-USD-PERP, or BTC-USD-20250328, gets exactly that
 * contract's events, over WebSocket and SSE, trades and candles; base_id BTC and quote_id USD is
 * the spot pair BTC-USD alone, though the three share base and quote. A symbol outside the scheme
 * is refused naming the field.
 */
class DerivativeStreamIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXCHANGE = "binance-coinm";
    private static final String PERP = "BTC-USD-PERP";
    private static final String FUTURE = "BTC-USD-20250328";
    private static final String SPOT = "BTC-USD";

    private final SharedServers servers = SharedServers.get();
    private final AtomicInteger ids = new AtomicInteger();
    private Map<String, String> props;

    @BeforeEach
    void props() {
        props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
    }

    @AfterEach
    void cleanUp() throws Exception {
        servers.dropIsolated(props);
    }

    @Test
    void aClientSubscribedToAContractGetsExactlyItsEvents() throws Exception {
        try (RunningTickflow app = RunningTickflow.start(props);
                StreamTestClient perp = connect(app);
                StreamTestClient future = connect(app);
                StreamTestClient spot = connect(app);
                StreamTestClient candles = connect(app)) {
            perp.send(subscribe("trades", "\"symbol\":\"" + PERP + "\""));
            future.send(subscribe("trades", "\"symbol\":\"btc-usd-20250328\""));
            spot.send(subscribe("trades", "\"base_id\":\"BTC\",\"quote_id\":\"USD\""));
            candles.send(subscribe("ohlcv", "\"symbol\":\"" + PERP + "\",\"interval\":\"1m\""));
            assertEquals(PERP, perp.awaitFrame("perp subscribed", f -> f.path("event_type").asText().equals("subscribed"))
                    .get("symbol").asText());
            assertEquals(FUTURE, future.awaitFrame("future subscribed", f -> f.path("event_type").asText().equals("subscribed"))
                    .get("symbol").asText());
            spot.awaitFrame("spot subscribed", f -> f.path("event_type").asText().equals("subscribed"));
            candles.awaitFrame("candles subscribed", f -> f.path("event_type").asText().equals("subscribed"));

            HttpResponse<Stream<String>> sse = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    app.uri("/api/stream/sse?data_type=trades&exchange=" + EXCHANGE + "&symbol=" + FUTURE)).build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, sse.statusCode());
            Stream<String> sseLines = sse.body();
            Iterator<String> sseFrames = sseLines.filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).iterator();
            assertEquals(FUTURE, JSON.readTree(sseFrames.next()).get("symbol").asText());

            // the stream reads Kafka from the newest offset once its consumer has partitions: probes until one arrives
            Await.until(ofSeconds(60), "a probe on the stream", () -> {
                publish(trade(PERP, "probe"));
                return !perp.frames("data").isEmpty();
            });
            List<String> sent = new ArrayList<>();
            for (String symbol : List.of(PERP, FUTURE, SPOT, FUTURE, PERP, SPOT, PERP)) {
                sent.add(trade(symbol, symbol + "#" + ids.incrementAndGet()));
            }
            for (String symbol : List.of(PERP, FUTURE, SPOT)) {
                sent.add(trade(symbol, symbol + "#end"));
            }
            publish(sent.toArray(String[]::new));

            for (StreamTestClient client : List.of(perp, future, spot)) {
                Await.until(ofSeconds(60), "each client's end marker",
                        () -> tradeIds(client).stream().anyMatch(id -> id.endsWith("#end")));
            }
            assertEquals(List.of(PERP + "#1", PERP + "#5", PERP + "#7", PERP + "#end"), tradeIds(perp));
            assertEquals(List.of(FUTURE + "#2", FUTURE + "#4", FUTURE + "#end"), tradeIds(future));
            assertEquals(List.of(SPOT + "#3", SPOT + "#6", SPOT + "#end"), tradeIds(spot));
            for (JsonNode frame : perp.frames("data")) {
                assertEquals(List.of(EXCHANGE, PERP, "BTCUSD_PERP"), List.of(frame.at("/data/exchange").asText(),
                        frame.at("/data/symbol").asText(), frame.at("/data/rawSymbol").asText()));
            }

            // one candle update per perpetual trade (probes included), all in the minute 20:00
            Await.until(ofSeconds(30), "the perpetual's candle updates",
                    () -> candles.frames("data").size() == perp.frames("data").size());
            for (JsonNode frame : candles.frames("data")) {
                assertEquals(PERP, frame.at("/data/symbol").asText(), frame.toString());
            }

            List<String> overSse = CompletableFuture.supplyAsync(() -> {
                List<String> got = new ArrayList<>();
                while (got.isEmpty() || !got.get(got.size() - 1).endsWith("#end")) {
                    JsonNode frame = read(sseFrames.next());
                    if (frame.path("event_type").asText().equals("data")) {
                        got.add(frame.at("/data/tradeId").asText());
                    }
                }
                return got;
            }).get(30, TimeUnit.SECONDS);
            assertEquals(List.of(FUTURE + "#2", FUTURE + "#4", FUTURE + "#end"), overSse);
            sseLines.close();
        }
    }

    @Test
    void aSymbolOutsideTheSchemeIsRefusedNamingTheField() throws Exception {
        try (RunningTickflow app = RunningTickflow.start(props); StreamTestClient client = connect(app)) {
            assertError(client, subscribe("trades", "\"symbol\":\"BTC-USD-SOON\""), "symbol");
            assertError(client, subscribe("trades", "\"symbol\":\"BTC/USD\""), "symbol");
            assertError(client, subscribe("trades", "\"symbol\":\"" + "X".repeat(21) + "-USD\""), "symbol");
            assertError(client, subscribe("trades", "\"symbol\":\"BTC-USD\",\"base_id\":\"BTC\",\"quote_id\":\"USD\""), "symbol");
            assertError(client, subscribe("trades", "\"base_id\":\"B<T>C\",\"quote_id\":\"USD\""), "base_id");
            // base_id and quote_id name a spot pair: a contract is asked for by symbol
            assertError(client, subscribe("trades", "\"base_id\":\"BTC\",\"quote_id\":\"USD-PERP\""), "quote_id");
            HttpResponse<String> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    app.uri("/api/stream/sse?data_type=trades&exchange=" + EXCHANGE + "&symbol=BTC-USD-2025")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode());
            assertEquals("symbol", JSON.readTree(bad.body()).get("parameter").asText());
        }
    }

    private static void assertError(StreamTestClient client, String frame, String field) throws Exception {
        int before = client.frames("error").size();
        client.send(frame);
        Await.until(ofSeconds(10), "an error frame for " + frame, () -> client.frames("error").size() > before);
        assertEquals(field, client.frames("error").get(before).get("field").asText(), client.frames("error").get(before).toString());
    }

    private static String subscribe(String dataType, String market) {
        return "{\"event_type\":\"subscribe\",\"data_type\":\"" + dataType + "\",\"exchange\":\"" + EXCHANGE + "\"," + market + "}";
    }

    private String trade(String symbol, String tradeId) {
        String raw = symbol.equals(PERP) ? "BTCUSD_PERP" : symbol.equals(FUTURE) ? "BTCUSD_250328" : "BTCUSD";
        return "{\"type\":\"trade\",\"exchange\":\"" + EXCHANGE + "\",\"symbol\":\"" + symbol + "\",\"rawSymbol\":\"" + raw + "\","
                + "\"ts\":\"2026-11-25T20:00:0" + (ids.get() % 10) + ".000000Z\",\"receivedTs\":\"2026-11-25T20:00:10.000000Z\","
                + "\"side\":\"buy\",\"price\":\"96500.0\",\"amount\":\"5\",\"baseAmount\":\"0.005181347150259067\","
                + "\"quoteAmount\":\"500\",\"tradeId\":\"" + tradeId + "\"}";
    }

    private void publish(String... events) {
        for (String event : events) {
            String symbol = read(event).get("symbol").asText();
            Events.send(servers.kafkaBootstrap(), props.get("tickflow.topics.trades"), EXCHANGE + ":" + symbol, List.of(event));
        }
    }

    private static List<String> tradeIds(StreamTestClient client) {
        return client.frames("data").stream().map(f -> f.at("/data/tradeId").asText()).filter(id -> !id.equals("probe")).toList();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static StreamTestClient connect(RunningTickflow app) {
        return new StreamTestClient(URI.create("ws" + app.uri("/api/stream").toString().substring(4)), true);
    }
}
