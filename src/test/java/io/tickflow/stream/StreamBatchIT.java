package io.tickflow.stream;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.event.EventTime;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
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

/** Subscriptions with batch_ms get their live events coalesced into batch frames, each event once and in order. */
class StreamBatchIT {

    private static final SharedServers SERVERS = SharedServers.get();
    private static final List<String> BATCHED = List.of("BTC", "ETH", "SOL");
    private static final String UNBATCHED = "XRP";
    private static final int PER_SYMBOL = 300;

    private static Map<String, String> props;
    private static RunningTickflow app;

    @BeforeAll
    static void start() throws Exception {
        props = new HashMap<>(SERVERS.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        app = RunningTickflow.start(props);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        SERVERS.dropIsolated(props);
    }

    @Test
    void batchedSubscriptionsGetEveryEventOnceInOrderInFewFrames() throws Exception {
        String exchange = "ex" + UUID.randomUUID().toString().substring(0, 6);
        URI http = app.uri("/api/stream");
        try (StreamTestClient client = new StreamTestClient(URI.create("ws" + http.toString().substring(4)), true)) {
            for (String base : BATCHED) {
                client.send(subscribe(exchange, base, ",\"batch_ms\":100"));
            }
            client.send(subscribe(exchange, UNBATCHED, ""));
            Await.until(ofSeconds(30), "4 subscriptions", () -> client.frames("subscribed").size() == 4);
            awaitLiveStream(http);

            List<String> symbols = new ArrayList<>(BATCHED);
            symbols.add(UNBATCHED);
            try (KafkaProducer<String, String> producer = producer()) {
                for (int seq = 0; seq < PER_SYMBOL; seq++) {
                    for (String base : symbols) {
                        producer.send(liquidation(exchange, base + "-USDT", seq));
                    }
                }
            }
            int batchedEvents = BATCHED.size() * PER_SYMBOL;
            Await.until(ofSeconds(60),
                    () -> "every event; got " + events(client.frames("batch")).size() + " of " + batchedEvents + " batched and "
                            + client.frames("data").size() + " of " + PER_SYMBOL + " unbatched",
                    () -> events(client.frames("batch")).size() == batchedEvents && client.frames("data").size() == PER_SYMBOL);

            Map<String, List<Integer>> seqs = new HashMap<>();
            for (JsonNode frame : events(client.frames("batch"))) {
                assertEquals("data", frame.get("event_type").asText(), frame.toString());
                assertEquals("liquidations", frame.get("data_type").asText());
                seqs.computeIfAbsent(frame.at("/data/symbol").asText(), s -> new ArrayList<>()).add(frame.at("/data/seq").asInt());
            }
            List<Integer> all = java.util.stream.IntStream.range(0, PER_SYMBOL).boxed().toList();
            for (String base : BATCHED) {
                assertEquals(all, seqs.get(base + "-USDT"), base + ": every event once, in order");
            }
            int batches = client.frames("batch").size();
            assertTrue(batches <= batchedEvents / 10, batchedEvents + " events in " + batches + " batch frames");
            assertEquals(all, client.frames("data").stream().map(f -> f.at("/data/seq").asInt()).toList(),
                    "the subscription without batch_ms gets a data frame per event");
            assertTrue(client.frames("data").stream().allMatch(f -> f.at("/data/symbol").asText().equals(UNBATCHED + "-USDT")));
            assertEquals(List.of(), client.frames("notice"));
        }
    }

    @Test
    void batchMsOutOfRangeIsRefusedNamingTheField() throws Exception {
        URI http = app.uri("/api/stream");
        try (StreamTestClient client = new StreamTestClient(URI.create("ws" + http.toString().substring(4)), true)) {
            client.send("{\"event_type\":\"subscribe\",\"data_type\":\"tickers\",\"name\":\"x\",\"batch_ms\":1001}");
            client.send("{\"event_type\":\"subscribe\",\"data_type\":\"tickers\",\"name\":\"x\",\"batch_ms\":\"soon\"}");
            Await.until(ofSeconds(30), "2 error frames", () -> client.frames("error").size() == 2);
            for (JsonNode error : client.frames("error")) {
                assertEquals("batch_ms", error.get("field").asText(), error.toString());
            }
            assertEquals(List.of(), client.frames("subscribed"));
        }
    }

    /**
     * The stream reads Kafka from the newest offset once its consumer has partitions, which may come
     * after the clients subscribed: probes, on an exchange of their own, until one reaches a client.
     */
    private static void awaitLiveStream(URI http) throws Exception {
        String exchange = "probe" + UUID.randomUUID().toString().substring(0, 6);
        try (StreamTestClient probe = new StreamTestClient(URI.create("ws" + http.toString().substring(4)), true);
                KafkaProducer<String, String> producer = producer()) {
            probe.send(subscribe(exchange, "BTC", ""));
            Await.until(ofSeconds(30), "the probe's subscription", () -> probe.frames("subscribed").size() == 1);
            Await.until(ofSeconds(60), "a probe event on the stream", () -> {
                producer.send(liquidation(exchange, "BTC-USDT", 0)).get();
                return !probe.frames("data").isEmpty();
            });
        }
    }

    private static ProducerRecord<String, String> liquidation(String exchange, String symbol, int seq) {
        return new ProducerRecord<>(props.get("tickflow.topics.liquidations"), exchange + ":" + symbol,
                "{\"type\":\"liquidation\",\"exchange\":\"" + exchange + "\",\"symbol\":\"" + symbol + "\",\"seq\":"
                        + seq + ",\"side\":\"sell\",\"price\":\"2.5\",\"amount\":\"1\",\"ts\":\""
                        + EventTime.format(Instant.now()) + "\"}");
    }

    private static String subscribe(String exchange, String base, String extra) {
        return "{\"event_type\":\"subscribe\",\"data_type\":\"liquidations\",\"exchange\":\"" + exchange + "\",\"base_id\":\""
                + base + "\",\"quote_id\":\"USDT\"" + extra + "}";
    }

    /** The data frames inside batch frames, in the order they came. */
    private static List<JsonNode> events(List<JsonNode> batches) {
        List<JsonNode> events = new ArrayList<>();
        batches.forEach(batch -> batch.get("data").forEach(events::add));
        return events;
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SERVERS.kafkaBootstrap());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
