package io.tickflow.stream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.event.EventTime;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.StoredTicks;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The WebSocket and SSE stream against a running Tickflow whose simulator ticks every 100 ms. */
class StreamApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SharedServers SERVERS = SharedServers.get();

    private static Map<String, String> props;
    private static RunningTickflow app;

    @BeforeAll
    static void start() throws Exception {
        props = new java.util.HashMap<>(SERVERS.isolatedProperties());
        props.put("tickflow.simulator.count", "3");
        props.put("tickflow.simulator.period-ms", "100");
        props.put("tickflow.stream.client-buffer", "5000");
        app = RunningTickflow.start(props);
        Await.until(ofSeconds(60), "ticks stored", () -> StoredTicks.count(SERVERS.postgresConnection(),
                props.get("tickflow.sink.postgres.records-table")) >= 30);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        SERVERS.dropIsolated(props);
    }

    @Test
    void historyThenLive() throws Exception {
        try (StreamTestClient client = connect(true)) {
            client.send("{\"event_type\":\"subscribe\",\"data_type\":\"tickers\",\"name\":\"ticker_01\",\"history\":5}");
            Await.until(ofSeconds(30), "5 live ticks", () -> client.frames("data").size() >= 5);
            List<JsonNode> frames = client.frames();
            assertEquals("subscribed", frames.get(0).get("event_type").asText());
            assertEquals("history", frames.get(1).get("event_type").asText());
            JsonNode history = frames.get(1).get("data");
            assertEquals(5, history.size());
            Instant previous = Instant.EPOCH;
            for (JsonNode value : history) {
                assertEquals("ticker_01", value.get("name").asText());
                Instant time = EventTime.parse(value.get("time").asText());
                assertTrue(time.isAfter(previous), "history oldest first");
                previous = time;
            }
            Long previousValue = null;
            for (JsonNode frame : client.frames("data")) {
                JsonNode tick = frame.get("data");
                assertEquals("tickers", frame.get("data_type").asText());
                assertEquals("ticker_01", tick.get("name").asText());
                Instant time = EventTime.parse(tick.get("time").asText());
                assertTrue(time.isAfter(previous), "live after history, in order, no repeats");
                previous = time;
                if (previousValue != null) {
                    assertEquals(1, Math.abs(tick.get("value").asLong() - previousValue), "a random walk step, nothing skipped");
                }
                previousValue = tick.get("value").asLong();
            }
        }
    }

    @Test
    void unsubscribeEndsTheData() throws Exception {
        try (StreamTestClient client = connect(true)) {
            client.send("{\"event_type\":\"subscribe\",\"data_type\":\"tickers\",\"name\":\"ticker_00\"}");
            Await.until(ofSeconds(30), "live ticks", () -> client.frames("data").size() >= 2);
            client.send("{\"event_type\":\"unsubscribe\",\"data_type\":\"tickers\",\"name\":\"ticker_00\"}");
            client.awaitFrame("unsubscribed", f -> f.get("event_type").asText().equals("unsubscribed"));
            client.send("{\"event_type\":\"subscribe\",\"data_type\":\"tickers\",\"name\":\"ticker_02\"}");
            Await.until(ofSeconds(30), "ticker_02 ticks", () -> client.frames("data").stream()
                    .filter(f -> f.at("/data/name").asText().equals("ticker_02")).count() >= 5);
            List<JsonNode> frames = client.frames();
            int unsubscribed = indexOf(frames, "unsubscribed");
            assertTrue(frames.subList(unsubscribed, frames.size()).stream()
                    .noneMatch(f -> f.at("/data/name").asText().equals("ticker_00")), "no ticker_00 after unsubscribing");
        }
    }

    @Test
    void badRequestsGetErrorFramesNamingTheField() throws Exception {
        try (StreamTestClient client = connect(true)) {
            assertError(client, "not json", "frame");
            assertError(client, "[1,2]", "frame");
            assertError(client, "{\"event_type\":\"hello\",\"data_type\":\"tickers\",\"name\":\"x\"}", "event_type");
            assertError(client, "{\"event_type\":\"subscribe\",\"data_type\":\"bogus\"}", "data_type");
            assertError(client, "{\"event_type\":\"subscribe\",\"data_type\":\"tickers\"}", "name");
            assertError(client, "{\"event_type\":\"subscribe\",\"data_type\":\"trades\",\"base_id\":\"BTC\",\"quote_id\":\"USDT\"}", "exchange");
            assertError(client, "{\"event_type\":\"subscribe\",\"data_type\":\"trades\",\"exchange\":\"binance\",\"base_id\":\"BTC\"}", "quote_id");
            assertError(client, "{\"event_type\":\"subscribe\",\"data_type\":\"ohlcv\",\"exchange\":\"binance\",\"base_id\":\"BTC\","
                    + "\"quote_id\":\"USDT\",\"interval\":\"7m\"}", "interval");
            assertError(client, "{\"event_type\":\"subscribe\",\"data_type\":\"tickers\",\"name\":\"x\",\"history\":\"lots\"}", "history");
            assertError(client, "{\"event_type\":\"subscribe\",\"data_type\":\"tickers\",\"name\":\"x\",\"history\":1001}", "history");
            assertError(client, "{\"event_type\":\"unsubscribe\",\"data_type\":\"tickers\",\"name\":\"x\"}", "data_type");
            client.send("{\"event_type\":\"subscribe\",\"data_type\":\"tickers\",\"name\":\"ticker_02\"}");
            Await.until(ofSeconds(30), "the connection still serves", () -> !client.frames("data").isEmpty());
        }
    }

    @Test
    void aSlowClientDoesNotSlowAFastOne() throws Exception {
        String exchange = "ex" + UUID.randomUUID().toString().substring(0, 6);
        String subscribe = "{\"event_type\":\"subscribe\",\"data_type\":\"liquidations\",\"exchange\":\"" + exchange
                + "\",\"base_id\":\"BTC\",\"quote_id\":\"USDT\"}";
        int count = 30000;
        int step = 1000;
        String padding = "x".repeat(1000);
        try (StreamTestClient fast = connect(true); StreamTestClient slow = connect(false)) {
            fast.send(subscribe);
            slow.send(subscribe);
            fast.awaitFrame("subscribed", f -> f.get("event_type").asText().equals("subscribed"));
            // in steps the fast client keeps up with, so only the slow one falls behind
            try (KafkaProducer<String, String> producer = producer()) {
                for (int i = 0; i < count; i++) {
                    producer.send(new ProducerRecord<>(props.get("tickflow.topics.liquidations"), exchange + ":BTC-USDT",
                            "{\"type\":\"liquidation\",\"exchange\":\"" + exchange + "\",\"symbol\":\"BTC-USDT\",\"seq\":" + i
                                    + ",\"amount\":1,\"price\":2,\"rawSymbol\":\"" + padding + "\",\"ts\":\""
                                    + EventTime.format(Instant.now()) + "\"}"));
                    if ((i + 1) % step == 0) {
                        producer.flush();
                        int sent = i + 1;
                        Await.until(ofSeconds(60), "the fast client to get " + sent + " events",
                                () -> fast.frames("data").size() >= sent || !fast.frames("notice").isEmpty());
                        assertEquals(List.of(), fast.frames("notice"), "the fast client lost nothing");
                    }
                }
            }
            assertEquals(count, fast.frames("data").size());
            List<JsonNode> data = fast.frames("data");
            for (int i = 0; i < count; i++) {
                assertEquals(i, data.get(i).at("/data/seq").asInt(), "in order");
            }

            slow.startReading();
            JsonNode notice = slow.awaitFrame("a notice of dropped events", f -> f.get("event_type").asText().equals("notice"));
            assertTrue(notice.get("dropped").asLong() > 0);
            Await.until(ofSeconds(30), "the slow client to get the newest event",
                    () -> slow.frames("data").stream().anyMatch(f -> f.at("/data/seq").asInt() == count - 1));
            long received = slow.frames("data").size();
            long dropped = slow.frames("notice").stream().mapToLong(f -> f.get("dropped").asLong()).sum();
            assertEquals(count, received + dropped, "every event either delivered or counted as dropped");
        }
    }

    @Test
    void ohlcvCandlesAreBuiltFromLiveTrades() throws Exception {
        String exchange = "ex" + UUID.randomUUID().toString().substring(0, 6);
        try (StreamTestClient client = connect(true)) {
            client.send("{\"event_type\":\"subscribe\",\"data_type\":\"ohlcv\",\"exchange\":\"" + exchange
                    + "\",\"base_id\":\"btc\",\"quote_id\":\"usdt\",\"interval\":\"1m\"}");
            client.awaitFrame("subscribed", f -> f.get("event_type").asText().equals("subscribed"));
            Instant minute = Instant.parse("2026-11-25T20:00:00Z");
            try (KafkaProducer<String, String> producer = producer()) {
                for (String[] trade : new String[][] {{"100", "1", "5"}, {"104", "2", "30"}, {"98", "1", "50"}, {"101", "3", "65"}}) {
                    producer.send(new ProducerRecord<>(props.get("tickflow.topics.trades"), exchange + ":BTC-USDT",
                            "{\"type\":\"trade\",\"exchange\":\"" + exchange + "\",\"symbol\":\"BTC-USDT\",\"side\":\"buy\","
                                    + "\"price\":" + trade[0] + ",\"amount\":" + trade[1] + ",\"tradeId\":\"t" + trade[2] + "\","
                                    + "\"ts\":\"" + EventTime.format(minute.plusSeconds(Long.parseLong(trade[2]))) + "\"}"));
                }
            }
            JsonNode closed = client.awaitFrame("the first minute's candle closed", f -> f.at("/data/closed").asBoolean());
            assertEquals("ohlcv", closed.get("data_type").asText());
            JsonNode candle = closed.get("data");
            assertEquals("2026-11-25T20:00:00.000000Z", candle.get("ts").asText());
            assertEquals(List.of(100.0, 104.0, 98.0, 98.0, 4.0), List.of(candle.get("open").asDouble(), candle.get("high").asDouble(),
                    candle.get("low").asDouble(), candle.get("close").asDouble(), candle.get("volume").asDouble()));
            Await.until(ofSeconds(10), "the second minute's open candle", () -> client.frames("data").size() == 5);
            assertEquals(101.0, client.frames("data").get(4).at("/data/open").asDouble());
        }
    }

    @Test
    void serverSentEventsStreamHistoryThenLive() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(
                app.uri("/api/stream/sse?data_type=tickers&name=ticker_02&history=3")).build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        try (Stream<String> lines = response.body()) {
            Iterator<String> events = lines.filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).iterator();
            assertEquals("subscribed", JSON.readTree(events.next()).get("event_type").asText());
            JsonNode history = JSON.readTree(events.next());
            assertEquals("history", history.get("event_type").asText());
            assertEquals(3, history.get("data").size());
            for (int i = 0; i < 3; i++) {
                JsonNode live = JSON.readTree(events.next());
                assertEquals("data", live.get("event_type").asText());
                assertEquals("ticker_02", live.at("/data/name").asText());
            }
        }

        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(app.uri("/api/stream/sse?data_type=trades&exchange=binance")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode());
        assertEquals("base_id", JSON.readTree(bad.body()).get("parameter").asText());
    }

    private static StreamTestClient connect(boolean reading) {
        URI http = app.uri("/api/stream");
        return new StreamTestClient(URI.create("ws" + http.toString().substring(4)), reading);
    }

    private static KafkaProducer<String, String> producer() {
        java.util.Properties p = new java.util.Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SERVERS.kafkaBootstrap());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static void assertError(StreamTestClient client, String frame, String field) throws Exception {
        int before = client.frames("error").size();
        client.send(frame);
        Await.until(Duration.ofSeconds(10), "an error frame for " + frame, () -> client.frames("error").size() > before);
        JsonNode error = client.frames("error").get(before);
        assertEquals(field, error.get("field").asText(), frame + " -> " + error);
        assertTrue(error.get("message").asText().length() > 10);
    }

    private static int indexOf(List<JsonNode> frames, String eventType) {
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).get("event_type").asText().equals(eventType)) {
                return i;
            }
        }
        throw new AssertionError("no " + eventType + " frame");
    }
}
