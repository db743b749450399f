package io.tickflow.stream;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.feed.ReplayServer;
import io.tickflow.feed.TopicRecords;
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
 * BitMEX resends its trade partial on every subscribe: after a reconnect, the partial's trades that
 * were already published reach neither the trade topic nor a stream client again.
 */
class SnapshotReplayIT {

    private static final String PROBE = Events.trade(0).replace("\"binance\"", "\"bitmex\"")
            .replace("\"BTCUSDT\"", "\"XBT_USDT\"").replace("\"tradeId\":\"0\"", "\"tradeId\":\"probe\"");
    private static final String LIVE_INSERT = "a4d3c2b1-0f9e-4d8c-b7a6-958473625140";

    private final SharedServers servers = SharedServers.get();
    private Map<String, String> props;
    private ReplayServer exchange;

    @BeforeEach
    void start() throws Exception {
        exchange = ReplayServer.start(Map.of("trade:", "synthetic/bitmex_trade_snapshot.jsonl"));
        props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.feeds", "bitmex-trade");
        props.put("tickflow.feed.bitmex.url", exchange.url("/realtime"));
        props.put("tickflow.feed.bitmex.symbols", "XBT_USDT");
        props.put("tickflow.feed.backoff-initial-ms", "100");
        props.put("tickflow.feed.backoff-max-ms", "1000");
    }

    @AfterEach
    void stop() throws Exception {
        exchange.close();
        servers.dropIsolated(props);
    }

    @Test
    void aReconnectsPartialDoesNotReachAStreamClientTwice() throws Exception {
        // silent until the client listens: the feed's first connection gets nothing
        exchange.goSilent(true);
        try (RunningTickflow app = RunningTickflow.start(props);
                StreamTestClient client = new StreamTestClient(URI.create("ws" + app.uri("/api/stream").toString().substring(4)), true)) {
            client.send("{\"event_type\":\"subscribe\",\"data_type\":\"trades\",\"exchange\":\"bitmex\",\"base_id\":\"BTC\",\"quote_id\":\"USDT\"}");
            client.awaitFrame("subscribed", f -> f.path("event_type").asText().equals("subscribed"));
            // the stream reads Kafka from the latest offset once its consumer has partitions: probe
            // trades put on the topic until one arrives show it does
            Await.until(ofSeconds(60), "a probe trade on the stream", () -> {
                Events.send(servers.kafkaBootstrap(), props.get("tickflow.topics.trades"), "bitmex:BTC-USDT", List.of(PROBE));
                return client.frames("data").stream().anyMatch(f -> f.get("data").get("tradeId").asText().equals("probe"));
            });
            Await.until(ofSeconds(60), "the feed's first subscription", () -> subscriptions() == 1);
            exchange.goSilent(false);
            exchange.dropConnections();
            Await.until(ofSeconds(60), "the partial's 3 trades and the insert on the stream", () -> tradeIds(client).size() == 4);
            exchange.dropConnections();
            // the replay server sends the whole fixture again: the partial, then the insert (which a
            // real exchange would not resend; no snapshot, so it is published again), whose second
            // arrival shows the reconnect's partial went through the feed before it
            Await.until(ofSeconds(60), "the reconnect's frames on the stream",
                    () -> tradeIds(client).stream().filter(LIVE_INSERT::equals).count() == 2);
            assertEquals(List.of("8f8fe9db-eb13-26a5-dea2-a398d89e04a8", "0c2a43d1-5b1a-90f3-a1d5-6f2b1d0e5a01",
                    "5e7b9a10-3c44-4d2e-8f61-2a9c0b7d1e22", LIVE_INSERT, LIVE_INSERT), tradeIds(client),
                    "the partial's trades once, though the exchange sent them on two connections");
            assertEquals(3, subscriptions(), "subscribed on every connection");
            assertEquals(5, TopicRecords.read(servers.kafkaBootstrap(), props.get("tickflow.topics.trades")).stream()
                    .filter(t -> !t.value().get("tradeId").asText().equals("probe")).count());
        }
    }

    private long subscriptions() {
        return exchange.received().stream().filter(m -> m.contains("\"subscribe\"")).count();
    }

    private static List<String> tradeIds(StreamTestClient client) {
        return client.frames("data").stream().map(f -> f.get("data").get("tradeId").asText()).filter(id -> !id.equals("probe")).toList();
    }
}
