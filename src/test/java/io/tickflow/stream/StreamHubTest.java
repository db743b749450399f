package io.tickflow.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickflow.kafka.RecordOrigin;
import io.tickflow.testing.Await;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hub without servers: its per-connection limits and which subscriptions an event reaches. */
class StreamHubTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Vertx VERTX = Vertx.vertx();

    private final CountDownLatch historyHeld = new CountDownLatch(1);
    private final StreamHub hub = new StreamHub();

    @AfterEach
    void stop() {
        historyHeld.countDown();
        hub.close();
    }

    @Test
    void historyRequestsOverTheQuotaAreRefusedNamingTheLimit() throws Exception {
        StreamLimits limits = new StreamLimits();
        limits.setMaxHistoryInFlightPerConnection(2);
        start(limits);
        FrameList client = connected();
        FrameList other = connected();
        for (String name : List.of("a", "b", "c")) {
            hub.handle(client, request(name, 5));
        }
        hub.handle(other, request("a", 5));
        hub.handle(client, request("d", 0));

        Await.until(Duration.ofSeconds(10), "4 answers", () -> client.frames().size() == 4);
        JsonNode refused = client.frames().get(2);
        assertEquals("history", refused.get("field").asText(), refused.toString());
        assertEquals("tickflow.stream.max-history-in-flight-per-connection", refused.get("limit").asText());
        assertEquals("subscribed", client.frames().get(3).get("event_type").asText(), "without history it is not queued");
        Await.until(Duration.ofSeconds(10), "the other client served", () -> !other.frames().isEmpty());
        assertEquals("subscribed", other.frames().get(0).get("event_type").asText(), "the quota is per connection");

        historyHeld.countDown();
        Await.until(Duration.ofSeconds(10), "both histories", () -> client.frames("history").size() == 2);
        hub.handle(client, request("c", 5));
        Await.until(Duration.ofSeconds(10), "a history once there is room", () -> client.frames("history").size() == 3);
    }

    @Test
    void eventsReachOnlyTheSubscriptionsForThem() throws Exception {
        start(new StreamLimits());
        historyHeld.countDown();
        FrameList client = connected();
        hub.handle(client, request("a", 0));
        hub.handle(client, StreamRequest.of("subscribe", "trades", "binance", "btc", "usdt", null, null, null, null, 10));
        hub.handle(client, StreamRequest.of("subscribe", "ohlcv", "binance", "btc", "usdt", null, null, "1m", null, 10));
        hub.publish(List.of(record("{\"name\":\"a\",\"value\":1,\"time\":\"2026-11-25T20:00:00Z\"}"),
                record("{\"name\":\"b\",\"value\":1,\"time\":\"2026-11-25T20:00:00Z\"}"),
                record("{\"type\":\"trade\",\"exchange\":\"binance\",\"symbol\":\"BTC-USDT\",\"price\":1,\"amount\":1,"
                        + "\"ts\":\"2026-11-25T20:00:01Z\"}"),
                record("{\"type\":\"trade\",\"exchange\":\"kraken\",\"symbol\":\"BTC-USDT\",\"price\":1,\"amount\":1,"
                        + "\"ts\":\"2026-11-25T20:00:01Z\"}"),
                record("{\"type\":\"quote\",\"exchange\":\"binance\",\"symbol\":\"BTC-USDT\",\"ts\":\"2026-11-25T20:00:01Z\"}")));

        Await.until(Duration.ofSeconds(10), "3 data frames", () -> client.frames("data").size() == 3);
        assertEquals(Set.of("tickers", "trades", "ohlcv"),
                client.frames("data").stream().map(f -> f.get("data_type").asText()).collect(Collectors.toSet()));
        assertEquals("a", client.frames("data").stream().filter(f -> f.get("data_type").asText().equals("tickers"))
                .findFirst().orElseThrow().at("/data/name").asText());
    }

    @Test
    void aBackfillsPastEventsAreNotSentAsLive() throws Exception {
        start(new StreamLimits());
        historyHeld.countDown();
        FrameList client = connected();
        hub.handle(client, StreamRequest.of("subscribe", "trades", "binance", "btc", "usdt", null, null, null, null, 0));
        String trade = "{\"type\":\"trade\",\"exchange\":\"binance\",\"symbol\":\"BTC-USDT\",\"tradeId\":\"%s\",\"price\":1,"
                + "\"amount\":1,\"ts\":\"2026-11-25T20:00:01Z\"}";
        ConsumerRecord<byte[], byte[]> backfilled = record(trade.formatted("past"));
        backfilled.headers().add(RecordOrigin.HEADER, RecordOrigin.BACKFILL.getBytes(StandardCharsets.UTF_8));
        hub.publish(List.of(backfilled, record(trade.formatted("live"))));

        Await.until(Duration.ofSeconds(10), "the live trade", () -> client.frames("data").size() == 1);
        assertEquals(List.of("live"), client.frames("data").stream().map(f -> f.at("/data/tradeId").asText()).toList());
    }

    private void start(StreamLimits limits) {
        hub.setLimits(limits);
        hub.setHistory(new StreamHistory() {
            @Override
            public List<ObjectNode> last(StreamRequest request) {
                try {
                    historyHeld.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of();
            }
        });
        hub.start();
    }

    private FrameList connected() {
        FrameList client = new FrameList();
        assertTrue(hub.connect(client));
        return client;
    }

    private static StreamRequest request(String name, int history) {
        return StreamRequest.of("subscribe", "tickers", null, null, null, null, name, null, String.valueOf(history), 10);
    }

    private static ConsumerRecord<byte[], byte[]> record(String json) {
        return new ConsumerRecord<>("events", 0, 0, null, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A client that keeps what it is sent. */
    private static final class FrameList extends StreamClient {
        private final List<JsonNode> frames = new CopyOnWriteArrayList<>();

        FrameList() {
            super(VERTX.getOrCreateContext(), 100);
        }

        @Override
        protected void write(StreamFrame frame) {
            try {
                frames.add(JSON.readTree(frame.json()));
            } catch (Exception e) {
                throw new AssertionError(frame.toString(), e);
            }
        }

        @Override
        protected boolean writeQueueFull() {
            return false;
        }

        @Override
        protected void onDrain(Runnable drained) {
        }

        List<JsonNode> frames() {
            return List.copyOf(frames);
        }

        List<JsonNode> frames(String eventType) {
            return frames.stream().filter(f -> f.path("event_type").asText().equals(eventType)).toList();
        }
    }
}
