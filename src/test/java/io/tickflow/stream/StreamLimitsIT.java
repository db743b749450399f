package io.tickflow.stream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.StoredTicks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One client's flood does not reach the others: per-connection and total limits of the WebSocket stream. */
class StreamLimitsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SharedServers SERVERS = SharedServers.get();
    private static final int MAX_CONNECTIONS = 6;
    private static final int MAX_SUBSCRIPTIONS = 5;
    private static final int MAX_FRAMES_PER_SECOND = 20;

    private static Map<String, String> props;
    private static RunningTickflow app;

    @BeforeAll
    static void start() throws Exception {
        props = new HashMap<>(SERVERS.isolatedProperties());
        props.put("tickflow.simulator.count", "3");
        props.put("tickflow.simulator.period-ms", "100");
        props.put("tickflow.stream.max-connections", String.valueOf(MAX_CONNECTIONS));
        props.put("tickflow.stream.max-subscriptions-per-connection", String.valueOf(MAX_SUBSCRIPTIONS));
        props.put("tickflow.stream.max-frames-per-second", String.valueOf(MAX_FRAMES_PER_SECOND));
        app = RunningTickflow.start(props);
        Await.until(ofSeconds(60), "ticks stored", () -> StoredTicks.count(SERVERS.postgresConnection(),
                props.get("tickflow.sink.postgres.records-table")) >= 30);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        SERVERS.dropIsolated(props);
    }

    /**
     * A client sends 30,000 subscribes with history, and junk, as fast as it can: another client's
     * history then arrives about as fast as before, and its live ticks keep coming. The flood is
     * all sent before measuring, so what is measured is what the server kept of it (queued
     * histories, subscriptions), not the CPU this test spent sending it.
     */
    @Test
    void floodingClientDoesNotDelayOthers() throws Exception {
        try (StreamTestClient watcher = connect(); StreamTestClient flooder = connect()) {
            Duration baseline = historyLatency(watcher, "ticker_00", ofSeconds(30));
            long liveBaseline = nanosFor10LiveFrames(watcher);

            for (int i = 0; i < 30_000; i++) {
                flooder.send(i % 10 == 9 ? "junk " + i
                        : "{\"event_type\":\"subscribe\",\"data_type\":\"tickers\",\"name\":\"flood_" + i + "\",\"history\":1000}");
            }
            Duration allowed = baseline.multipliedBy(10).plusSeconds(3);
            for (String name : List.of("ticker_01", "ticker_02")) {
                Duration latency = historyLatency(watcher, name, allowed);
                assertTrue(latency.compareTo(allowed) <= 0, name + " history took " + latency + ", baseline " + baseline);
            }
            long liveFlooded = nanosFor10LiveFrames(watcher);
            assertTrue(liveFlooded <= liveBaseline * 3 + ofSeconds(3).toNanos(),
                    "10 live frames took " + liveFlooded / 1_000_000 + " ms, baseline " + liveBaseline / 1_000_000 + " ms");

            // which per-connection limit stops the flood's subscribes first depends on how fast their
            // histories load: the subscription count, or the histories in flight (each asks for 1,000)
            Await.until(ofSeconds(30), () -> "the flooder told of the frame rate and a subscription limit; it got "
                    + flooder.frames().size() + " frames, errors naming " + limits(flooder) + ", "
                    + flooder.frames("subscribed").size() + " subscribed",
                    () -> limits(flooder).contains("tickflow.stream.max-frames-per-second")
                            && (limits(flooder).contains("tickflow.stream.max-subscriptions-per-connection")
                                    || limits(flooder).contains("tickflow.stream.max-history-in-flight-per-connection")));
            int held = flooder.frames("subscribed").size();
            assertTrue(held >= 1 && held <= MAX_SUBSCRIPTIONS, "the flooder held " + held + " subscriptions, at most "
                    + MAX_SUBSCRIPTIONS + " allowed");
        }
    }

    @Test
    void subscriptionsOverTheLimitGetAnErrorFrameNamingIt() throws Exception {
        try (StreamTestClient client = connect()) {
            for (int i = 0; i < MAX_SUBSCRIPTIONS; i++) {
                client.send(tickers("ticker_0" + i));
            }
            Await.until(ofSeconds(10), "subscribed " + MAX_SUBSCRIPTIONS, () -> client.frames("subscribed").size() == MAX_SUBSCRIPTIONS);
            client.send(tickers("ticker_09"));
            JsonNode error = client.awaitFrame("the limit's error", f -> f.path("limit").asText().endsWith("subscriptions-per-connection"));
            assertEquals("tickflow.stream.max-subscriptions-per-connection", error.get("limit").asText());
            assertEquals("error", error.get("event_type").asText());
            assertTrue(error.get("message").asText().contains(String.valueOf(MAX_SUBSCRIPTIONS)), error.toString());

            client.send("{\"event_type\":\"unsubscribe\",\"data_type\":\"tickers\",\"name\":\"ticker_00\"}");
            client.send(tickers("ticker_09"));
            Await.until(ofSeconds(10), "subscribed once one was ended", () -> client.frames("subscribed").size() == MAX_SUBSCRIPTIONS + 1);
        }
    }

    @Test
    void framesOverTheRateAreDroppedWithAnErrorFrame() throws Exception {
        int frames = 200;
        try (StreamTestClient client = connect()) {
            for (int i = 0; i < frames; i++) {
                client.send("{\"event_type\":\"unsubscribe\",\"data_type\":\"tickers\",\"name\":\"none_" + i + "\"}");
            }
            JsonNode error = client.awaitFrame("the rate limit's error", f -> f.path("limit").asText().endsWith("frames-per-second"));
            assertEquals("frame", error.get("field").asText());
            assertTrue(error.get("message").asText().contains(String.valueOf(MAX_FRAMES_PER_SECOND)), error.toString());
            long answered = client.frames("error").stream().filter(f -> f.get("field").asText().equals("data_type")).count();
            assertTrue(answered < frames, answered + " of " + frames + " frames answered");
            // the connection still serves once the second is over
            Await.until(ofSeconds(10), "a subscribe answered after the flood", () -> {
                client.send(tickers("ticker_01"));
                return !client.frames("subscribed").isEmpty();
            });
        }
    }

    @Test
    void connectionsOverTheMaxAreToldToTryAgainLater() throws Exception {
        StreamHub hub = app.camelContext().getRegistry().lookupByNameAndType("streamHub", StreamHub.class);
        Await.until(ofSeconds(30), "the other tests' connections gone", () -> hub.connections() == 0);
        List<VertxStreamClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                clients.add(VertxStreamClient.connect(wsUri(), true));
            }
            Await.until(ofSeconds(10), "all connected", () -> hub.connections() == MAX_CONNECTIONS);
            try (VertxStreamClient refused = VertxStreamClient.connect(wsUri(), true)) {
                JsonNode error = refused.awaitFrame("the limit's error", f -> f.path("event_type").asText().equals("error"));
                assertEquals("tickflow.stream.max-connections", error.get("limit").asText());
                assertEquals(1013, refused.awaitClosed(), refused.closeReason());
            }
            HttpResponse<String> sse = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    app.uri("/api/stream/sse?data_type=tickers&name=ticker_01")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, sse.statusCode());
            assertEquals("tickflow.stream.max-connections", JSON.readTree(sse.body()).get("limit").asText());

            clients.remove(0).close();
            Await.until(ofSeconds(10), "room again", () -> hub.connections() < MAX_CONNECTIONS);
            try (VertxStreamClient again = VertxStreamClient.connect(wsUri(), true)) {
                again.send(tickers("ticker_01"));
                again.awaitFrame("subscribed", f -> f.path("event_type").asText().equals("subscribed"));
            }
        } finally {
            for (VertxStreamClient client : clients) {
                client.close();
            }
        }
    }

    /** Subscribes with history and times the history frame's arrival; fails past the deadline. */
    private static Duration historyLatency(StreamTestClient client, String name, Duration deadline) throws Exception {
        int before = client.frames("history").size();
        long start = System.nanoTime();
        client.send("{\"event_type\":\"subscribe\",\"data_type\":\"tickers\",\"name\":\"" + name + "\",\"history\":5}");
        Await.until(deadline, "the history of " + name, () -> client.frames("history").size() > before);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static long nanosFor10LiveFrames(StreamTestClient client) throws Exception {
        int before = client.frames("data").size();
        long start = System.nanoTime();
        Await.until(ofSeconds(60), "10 live frames", () -> client.frames("data").size() >= before + 10);
        return System.nanoTime() - start;
    }

    private static List<String> limits(StreamTestClient client) {
        return client.frames("error").stream().map(f -> f.path("limit").asText()).distinct().toList();
    }

    private static String tickers(String name) {
        return "{\"event_type\":\"subscribe\",\"data_type\":\"tickers\",\"name\":\"" + name + "\"}";
    }

    private static StreamTestClient connect() {
        return new StreamTestClient(wsUri(), true);
    }

    private static URI wsUri() {
        return URI.create("ws" + app.uri("/api/stream").toString().substring(4));
    }
}
