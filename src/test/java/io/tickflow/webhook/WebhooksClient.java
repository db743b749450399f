package io.tickflow.webhook;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.testing.RunningTickflow;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Calls /api/webhooks of a running Tickflow, and produces events onto its topics. */
final class WebhooksClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final RunningTickflow app;
    private final String apiKey;

    WebhooksClient(RunningTickflow app, String apiKey) {
        this.app = app;
        this.apiKey = apiKey;
    }

    HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String method, String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = call(method, path, body);
        assertEquals(expectedStatus, response.statusCode(), method + " " + path + ": " + response.body());
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    /** Subscribes the receiver and tells it the secret; returns the subscription. */
    JsonNode subscribe(WebhookReceiver receiver, String eventTypes, String filters) throws Exception {
        JsonNode created = json("POST", "/api/webhooks", "{\"url\":\"" + receiver.url() + "\",\"eventTypes\":" + eventTypes
                + (filters == null ? "" : ",\"filters\":" + filters) + "}", 201);
        receiver.secret(created.get("secret").asText());
        return created;
    }

    /** Subscribes the receiver to batches of at most {@code maxEvents} events. */
    JsonNode subscribeBatched(WebhookReceiver receiver, String eventTypes, String filters, int maxEvents) throws Exception {
        JsonNode created = json("POST", "/api/webhooks", "{\"url\":\"" + receiver.url() + "\",\"eventTypes\":" + eventTypes
                + ",\"filters\":" + filters + ",\"batch\":{\"maxEvents\":" + maxEvents + "}}", 201);
        receiver.secret(created.get("secret").asText());
        return created;
    }

    JsonNode attempts(String subscriptionId) throws Exception {
        return json("GET", "/api/webhooks/" + subscriptionId + "/deliveries", null, 200).get("attempts");
    }

    static void produce(String bootstrap, String topic, String key, String... events) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (String event : events) {
                producer.send(new ProducerRecord<>(topic, key, event));
            }
            producer.flush();
        }
    }
}
