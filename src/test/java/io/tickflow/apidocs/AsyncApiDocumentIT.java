package io.tickflow.apidocs;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SpecVersion;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.WebhookTests;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /api/asyncapi.json against a Tickflow running both simulators: valid AsyncAPI 3.0.0 by the
 * official JSON Schema, self-contained, at the configured topics, and true: the records on each
 * Kafka topic and every WebSocket and SSE frame are valid by the messages the document gives them.
 */
class AsyncApiDocumentIT {

    private static final SharedServers SERVERS = SharedServers.get();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Kafka channel -> the property of its topic. */
    private static final Map<String, String> TOPICS = Map.of("tickers", "tickflow.simulator.topic",
            "trades", "tickflow.topics.trades", "quotes", "tickflow.topics.quotes", "liquidations", "tickflow.topics.liquidations",
            "candles", "tickflow.topics.candles", "status", "tickflow.topics.status", "deadletters", "tickflow.topics.deadletter");

    private static Map<String, String> props;
    private static RunningTickflow app;
    private static JsonNode document;

    @BeforeAll
    static void start() throws Exception {
        props = WebhookTests.properties(SERVERS);
        props.put("tickflow.simulator.enabled", "true");
        props.put("tickflow.simulator.count", "3");
        props.put("tickflow.simulator.period-ms", "100");
        props.put("tickflow.market-simulator.enabled", "true");
        props.put("tickflow.market-simulator.symbols", "BTC-USDT");
        props.put("tickflow.market-simulator.trades-per-second", "20");
        props.put("tickflow.market-simulator.liquidations-per-minute", "300");
        props.put("tickflow.stream.group-id", "stream-" + UUID.randomUUID());
        app = RunningTickflow.start(props);
        HttpResponse<String> response = app.get("/api/asyncapi.json");
        assertEquals(200, response.statusCode(), response.body());
        document = JSON.readTree(response.body());
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        SERVERS.dropIsolated(props);
    }

    @Test
    void isValidAsyncApi300AndSelfContained() throws Exception {
        assertEquals(List.of(), AsyncApiSchema.problems(document));
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/") && !document.at(ref.substring(1)).isMissingNode(), "reference " + ref + " resolves");
        }
        document.get("operations").forEach(operation -> {
            String channel = operation.at("/channel/$ref").asText();
            operation.get("messages").forEach(message -> assertTrue(message.get("$ref").asText().startsWith(channel + "/messages/"),
                    message + " is a message of " + channel));
        });
        JsonNode trade;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("schemas/trade.json")) {
            trade = JSON.readTree(in);
        }
        assertEquals(trade, document.at("/components/schemas/trade"), "the event schemas are the files of resources/schemas");
        assertEquals(JSON.readTree(app.get("/api/openapi.json").body()).at("/info/version"), document.at("/info/version"));
    }

    @Test
    void channelsAreAtTheConfiguredTopicsAndPaths() {
        TOPICS.forEach((channel, property) ->
                assertEquals(props.get(property), document.at("/channels/" + channel + "/address").asText(), channel));
        assertEquals("/api/stream", document.at("/channels/stream/address").asText());
        assertEquals("/api/stream/sse", document.at("/channels/serverSentEvents/address").asText());
    }

    @Test
    void kafkaRecordsAreAsTheirChannelsSay() throws Exception {
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SERVERS.kafkaBootstrap());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "asyncapi-test-" + UUID.randomUUID());
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, String> channelOfTopic = new HashMap<>();
        for (String channel : List.of("tickers", "trades", "quotes", "liquidations", "candles")) {
            channelOfTopic.put(document.at("/channels/" + channel + "/address").asText(), channel);
        }
        Map<String, Integer> checked = new HashMap<>();
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumer, new StringDeserializer(), new StringDeserializer())) {
            kafka.subscribe(channelOfTopic.keySet());
            Await.until(WAIT, "records on every topic", () -> {
                for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(200))) {
                    String channel = channelOfTopic.get(record.topic());
                    JsonNode message = onlyMessage(channel);
                    SchemaCheck.assertValid(channel + " value", document, message.get("payload"), JSON.readTree(record.value()),
                            SpecVersion.VersionFlag.V7);
                    SchemaCheck.assertValid(channel + " key", document, message.at("/bindings/kafka/key"),
                            JSON.getNodeFactory().textNode(record.key()), SpecVersion.VersionFlag.V7);
                    checked.merge(channel, 1, Integer::sum);
                }
                return checked.size() == channelOfTopic.size() && checked.values().stream().allMatch(n -> n >= 3);
            });
        }
    }

    @Test
    void webSocketFramesAreAsTheStreamChannelSays() throws Exception {
        List<String> frames = new CopyOnWriteArrayList<>();
        WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + app.port() + "/api/stream"),
                new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            frames.add(text.toString());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        List<String> requests = List.of(
                "{\"event_type\":\"subscribe\",\"data_type\":\"tickers\",\"name\":\"ticker_01\",\"history\":3}",
                "{\"event_type\":\"subscribe\",\"data_type\":\"trades\",\"exchange\":\"simulator\",\"base_id\":\"BTC\",\"quote_id\":\"USDT\",\"history\":2}",
                "{\"event_type\":\"subscribe\",\"data_type\":\"quotes\",\"exchange\":\"simulator\",\"base_id\":\"BTC\",\"quote_id\":\"USDT\"}",
                "{\"event_type\":\"subscribe\",\"data_type\":\"liquidations\",\"exchange\":\"simulator\",\"base_id\":\"BTC\",\"quote_id\":\"USDT\"}",
                "{\"event_type\":\"subscribe\",\"data_type\":\"ohlcv\",\"exchange\":\"simulator\",\"base_id\":\"BTC\",\"quote_id\":\"USDT\",\"interval\":\"1s\"}",
                "{\"event_type\":\"subscribe\",\"data_type\":\"nope\"}");
        for (String request : requests) {
            assertRequestValid(request);
            socket.sendText(request, true).get(10, TimeUnit.SECONDS);
        }
        Set<String> expected = Set.of("subscribed", "history", "error", "tickersData", "tradesData", "quotesData",
                "liquidationsData", "ohlcvData");
        Await.until(WAIT, "every kind of frame", () -> messageNames(frames).containsAll(expected));
        String unsubscribe = "{\"event_type\":\"unsubscribe\",\"data_type\":\"tickers\",\"name\":\"ticker_01\"}";
        assertRequestValid(unsubscribe);
        socket.sendText(unsubscribe, true).get(10, TimeUnit.SECONDS);
        Await.until(WAIT, "unsubscribed", () -> messageNames(frames).contains("unsubscribed"));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        assertFramesValid("sendStreamFrames", frames);
    }

    @Test
    void serverSentEventsAreAsTheirChannelSays() throws Exception {
        String query = "data_type=trades&exchange=simulator&base_id=BTC&quote_id=USDT&history=2";
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(app.uri("/api/stream/sse?" + query)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        List<String> frames = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null && frames.size() < 5; line = lines.readLine()) {
                if (line.startsWith("data: ")) {
                    frames.add(line.substring("data: ".length()));
                }
            }
        }
        assertEquals(List.of("subscribed", "history", "tradesData", "tradesData", "tradesData"), messageNames(frames));
        assertFramesValid("sendServerSentEvents", frames);
        JsonNode queryParameters = document.at("/operations/sendServerSentEvents/bindings/http/query");
        Map<String, Object> parameters = new HashMap<>();
        for (String pair : query.split("&")) {
            String[] nameValue = pair.split("=");
            parameters.put(nameValue[0], nameValue[0].equals("history") ? Integer.parseInt(nameValue[1]) : nameValue[1]);
        }
        SchemaCheck.assertValid("SSE query", document, queryParameters, JSON.valueToTree(parameters), SpecVersion.VersionFlag.V7);
    }

    /** Each frame is valid by the payload of its message, which the operation sends on its channel. */
    private static void assertFramesValid(String operationId, List<String> frames) throws Exception {
        JsonNode operation = document.at("/operations/" + operationId);
        Set<String> sent = new HashSet<>();
        operation.get("messages").forEach(ref -> sent.add(ref.get("$ref").asText().replaceFirst(".*/", "")));
        for (String frame : frames) {
            JsonNode json = JSON.readTree(frame);
            String name = messageName(json);
            assertTrue(sent.contains(name), operationId + " sends " + name + ": " + frame);
            SchemaCheck.assertValid(name, document, document.at("/components/messages/" + name + "/payload"), json,
                    SpecVersion.VersionFlag.V7);
        }
    }

    private static void assertRequestValid(String request) throws Exception {
        JsonNode json = JSON.readTree(request);
        String name = json.get("event_type").asText();
        List<String> problems = SchemaCheck.problems(document, document.at("/components/messages/" + name + "/payload"), json,
                SpecVersion.VersionFlag.V7);
        assertEquals(json.get("data_type").asText().equals("nope"), !problems.isEmpty(), request + ": " + problems);
    }

    private static List<String> messageNames(List<String> frames) throws Exception {
        List<String> names = new ArrayList<>();
        for (String frame : frames) {
            names.add(messageName(JSON.readTree(frame)));
        }
        return names;
    }

    /** The message a frame is: its event_type, or for data the data_type's data message (tradesData, ...). */
    private static String messageName(JsonNode frame) {
        String eventType = frame.path("event_type").asText();
        return eventType.equals("data") ? frame.path("data_type").asText() + "Data" : eventType;
    }

    private static JsonNode onlyMessage(String channel) {
        JsonNode messages = document.at("/channels/" + channel + "/messages");
        assertEquals(1, messages.size(), channel);
        return document.at(messages.elements().next().get("$ref").asText().substring(1));
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }
}
