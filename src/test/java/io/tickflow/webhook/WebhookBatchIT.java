package io.tickflow.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.event.EventTime;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.WebhookTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batched subscriptions: several events per signed request, retried and replayed as one message. */
class WebhookBatchIT {

    private static final SharedServers SERVERS = SharedServers.get();

    private static Map<String, String> props;
    private static RunningTickflow app;
    private static WebhooksClient api;
    private WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        props = WebhookTests.properties(SERVERS);
        props.put("tickflow.webhooks.retry-schedule", "0s,300ms,300ms,300ms");
        props.put("tickflow.webhooks.timeout-ms", "3000");
        app = RunningTickflow.start(props);
        api = new WebhooksClient(app, null);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        SERVERS.dropIsolated(props);
    }

    @BeforeEach
    void newReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    @Test
    void aBatchedSubscriptionGetsEveryEventInSignedBatchesOfAtMostN() throws Exception {
        String ticker = uniqueTicker();
        api.subscribeBatched(receiver, "[\"tick\"]", "{\"name\":\"" + ticker + "\"}", 3);
        produce(ticker, Instant.now(), 0, 10);

        Await.until(ofSeconds(20), "all 10 ticks delivered", () -> values(receiver.accepted()).size() == 10);
        List<WebhookReceiver.Received> requests = receiver.accepted();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), values(requests).stream().sorted().toList(), "every tick once");
        assertTrue(requests.size() < 10, "several ticks per request: " + requests.size() + " requests");
        for (WebhookReceiver.Received request : requests) {
            JsonNode body = request.json();
            assertTrue(request.signatureValid(), "each batch signed with the subscription's secret");
            assertEquals("batch", body.get("type").asText());
            assertTrue(body.get("data").size() >= 1 && body.get("data").size() <= 3, body.toString());
            assertEquals(body.at("/data/0/timestamp").asText(), body.get("timestamp").asText(), "the first event's time");
            List<Long> inBatch = values(List.of(request));
            assertEquals(inBatch.stream().sorted().toList(), inBatch, "a batch keeps Kafka order (batches may overtake each other)");
            for (JsonNode event : body.get("data")) {
                assertEquals("tick", event.get("type").asText());
                assertEquals(event.at("/data/time").asText(), event.get("timestamp").asText());
                assertEquals(ticker, event.at("/data/name").asText());
            }
        }
        assertEquals(requests.size(), requests.stream().map(WebhookReceiver.Received::id).distinct().count());
    }

    @Test
    void aFailingReceiverGetsTheSameBatchRetriedUntilItAcceptsIt() throws Exception {
        String ticker = uniqueTicker();
        String id = api.subscribeBatched(receiver, "[\"tick\"]", "{\"name\":\"" + ticker + "\"}", 100).get("id").asText();
        receiver.failNext(2, 503);
        produce(ticker, Instant.now(), 0, 5);

        Await.until(ofSeconds(20), "all 5 ticks accepted", () -> values(receiver.accepted()).size() == 5);
        List<WebhookReceiver.Received> all = receiver.received();
        WebhookReceiver.Received first = all.get(0);
        List<WebhookReceiver.Received> sameBatch = all.stream().filter(r -> r.id().equals(first.id())).toList();
        assertEquals(3, sameBatch.size(), "two failures, then the success, of the first batch");
        assertTrue(sameBatch.stream().allMatch(r -> r.body().equals(first.body())), "the same body on every attempt");
        assertTrue(all.stream().allMatch(WebhookReceiver.Received::signatureValid), "every attempt signed afresh and valid");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), values(receiver.accepted()).stream().sorted().toList());

        Await.until(ofSeconds(10), "every attempt logged", () -> api.attempts(id).size() == all.size());
        JsonNode log = api.attempts(id);
        JsonNode lastOfFirst = null;
        for (JsonNode attempt : log) {
            if (attempt.get("messageId").asText().equals(first.id())) {
                lastOfFirst = lastOfFirst == null ? attempt : lastOfFirst;
                assertEquals("batch", attempt.get("eventType").asText());
                assertEquals(first.json().get("data").size(), attempt.get("eventCount").asInt());
            }
        }
        assertEquals("delivered", lastOfFirst.get("outcome").asText());
        assertEquals(3, lastOfFirst.get("attempt").asInt());
    }

    @Test
    void replayRedeliversTheBatchesHoldingAnEventOfTheRange() throws Exception {
        String ticker = uniqueTicker();
        String id = api.subscribeBatched(receiver, "[\"tick\"]", "{\"name\":\"" + ticker + "\"}", 2).get("id").asText();
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        produce(ticker, base, 60, 5); // ticks 1..5 at base, +60 s, ... +240 s
        Await.until(ofSeconds(20), "five ticks delivered", () -> values(receiver.accepted()).size() == 5);
        List<WebhookReceiver.Received> originals = receiver.accepted();

        Instant from = base.plusSeconds(90);
        Instant to = base.plusSeconds(150); // holds tick 3 only
        List<WebhookReceiver.Received> holdingTick3 = originals.stream().filter(r -> values(List.of(r)).contains(3L)).toList();
        JsonNode replay = api.json("POST", "/api/webhooks/" + id + "/replay?from=" + EventTime.format(from)
                + "&to=" + EventTime.format(to), null, 202);
        assertEquals(holdingTick3.size(), replay.get("replayed").asInt());
        Await.until(ofSeconds(20), "the batch redelivered", () -> receiver.accepted().size() == originals.size() + 1);
        WebhookReceiver.Received again = receiver.accepted().get(originals.size());
        assertEquals(holdingTick3.get(0).id(), again.id(), "replay keeps the webhook-id");
        assertEquals(holdingTick3.get(0).body(), again.body(), "and the batch's body");
        assertTrue(again.signatureValid());
    }

    private static String uniqueTicker() {
        return "b_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Ticks valued 1..count, {@code stepSeconds} apart from {@code first} (or a millisecond apart when 0). */
    private static void produce(String ticker, Instant first, long stepSeconds, int count) {
        String[] ticks = new String[count];
        for (int i = 0; i < count; i++) {
            Instant time = stepSeconds == 0 ? first.plusMillis(i) : first.plusSeconds(stepSeconds * i);
            ticks[i] = WebhookDeliveryIT.tick(ticker, i + 1, time);
        }
        WebhooksClient.produce(SERVERS.kafkaBootstrap(), props.get("tickflow.simulator.topic"), ticker, ticks);
    }

    /** The tick values of every event of the requests, in order. */
    static List<Long> values(List<WebhookReceiver.Received> requests) {
        List<Long> values = new ArrayList<>();
        for (WebhookReceiver.Received request : requests) {
            for (JsonNode event : request.json().get("data")) {
                values.add(event.at("/data/value").asLong());
            }
        }
        return values;
    }
}
