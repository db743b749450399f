package io.tickflow.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.event.EventTime;
import io.tickflow.kafka.RecordOrigin;
import io.tickflow.testing.Await;
import io.tickflow.testing.Metrics;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.WebhookTests;
import org.apache.camel.spi.RouteController;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Webhook delivery from Kafka events to real local HTTP receivers, with a short retry schedule. */
class WebhookDeliveryIT {

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
        props.put("tickflow.webhooks.max-in-flight-per-subscription", "5");
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
    void deliversASignedStandardWebhooksBody() throws Exception {
        String ticker = uniqueTicker();
        api.subscribe(receiver, "[\"tick\"]", "{\"name\":\"" + ticker + "\"}");
        produceTicks(ticker, 1);

        Await.until(ofSeconds(20), "the tick delivered", () -> receiver.accepted().size() == 1);
        WebhookReceiver.Received received = receiver.accepted().get(0);
        assertTrue(received.signatureValid(), "signature verifies with the subscription's secret");
        assertTrue(received.id().startsWith("msg_"));
        assertTrue(Math.abs(received.timestamp() - Instant.now().getEpochSecond()) < 30);
        JsonNode body = received.json();
        assertEquals("tick", body.get("type").asText());
        assertEquals(ticker, body.at("/data/name").asText());
        assertEquals(1, body.at("/data/value").asLong());
        assertEquals(body.at("/data/time").asText(), body.get("timestamp").asText());
    }

    @Test
    void theEventGoesOutAsItIsOnKafkaAndRecordsThatAreNoEventAreSkipped() throws Exception {
        String ticker = uniqueTicker();
        api.subscribe(receiver, "[\"tick\"]", "{\"name\":\"" + ticker + "\"}");
        String time = EventTime.format(Instant.now());
        String spaced = "{ \"name\": \"" + ticker + "\", \"value\": 2, \"time\": \"" + time + "\" }";
        // a record without a value, and one with text after its JSON value: neither can be a body's data
        WebhooksClient.produce(SERVERS.kafkaBootstrap(), props.get("tickflow.simulator.topic"), ticker,
                null, tick(ticker, 1, Instant.now()) + " {}", spaced);

        Await.until(ofSeconds(20), "the tick delivered", () -> receiver.accepted().size() == 1);
        assertEquals("{\"type\":\"tick\",\"timestamp\":\"" + time + "\",\"data\":" + spaced + "}", receiver.accepted().get(0).body());
        Thread.sleep(1000);
        assertEquals(1, receiver.received().size(), "nothing else sent");
    }

    @Test
    void aReceiverFailingThreeTimesGetsTheEventOnceItRecovers() throws Exception {
        String ticker = uniqueTicker();
        JsonNode subscription = api.subscribe(receiver, "[\"tick\"]", "{\"name\":\"" + ticker + "\"}");
        receiver.failNext(3, 503);
        produceTicks(ticker, 1);

        Await.until(ofSeconds(20), "the tick delivered", () -> receiver.accepted().size() == 1);
        List<WebhookReceiver.Received> all = receiver.received();
        assertEquals(4, all.size(), "three failures, then the success");
        assertEquals(1, all.stream().map(WebhookReceiver.Received::id).distinct().count(), "webhook-id stable across retries");
        assertTrue(all.stream().allMatch(WebhookReceiver.Received::signatureValid), "every attempt signed afresh and valid");

        JsonNode attempts = api.attempts(subscription.get("id").asText());
        assertEquals(4, attempts.size());
        assertEquals("delivered", attempts.get(0).get("outcome").asText());
        assertEquals(204, attempts.get(0).get("statusCode").asInt());
        for (int i = 1; i < 4; i++) {
            assertEquals("retrying", attempts.get(i).get("outcome").asText());
            assertEquals(503, attempts.get(i).get("statusCode").asInt());
            assertEquals("HTTP 503", attempts.get(i).get("error").asText());
        }
        assertEquals("delivered", attempts.get(0).get("messageStatus").asText());
    }

    @Test
    void aReceiverThatNeverRecoversEndsWithTheMessageParked() throws Exception {
        String ticker = uniqueTicker();
        String id = api.subscribe(receiver, "[\"tick\"]", "{\"name\":\"" + ticker + "\"}").get("id").asText();
        receiver.failAlways(500);
        produceTicks(ticker, 1);

        Await.until(ofSeconds(20), "the message parked as failed", () -> {
            JsonNode attempts = api.attempts(id);
            return attempts.size() == 4 && attempts.get(0).get("outcome").asText().equals("failed");
        });
        JsonNode attempts = api.attempts(id);
        assertEquals("failed", attempts.get(0).get("messageStatus").asText());
        assertEquals(4, attempts.get(0).get("attempt").asInt());
        assertEquals(4, receiver.received().size(), "no attempt after the last of the schedule");
    }

    @Test
    void otherClientErrorsAndRedirectsAreNotRetried() throws Exception {
        String ticker = uniqueTicker();
        String id = api.subscribe(receiver, "[\"tick\"]", "{\"name\":\"" + ticker + "\"}").get("id").asText();
        receiver.failAlways(410);
        produceTicks(ticker, 1);
        Await.until(ofSeconds(20), "the 410 parked", () -> api.attempts(id).size() == 1
                && api.attempts(id).get(0).get("outcome").asText().equals("failed"));

        receiver.failAlways(302);
        produceTicks(ticker, 1);
        Await.until(ofSeconds(20), "the redirect parked", () -> api.attempts(id).size() == 2
                && api.attempts(id).get(0).get("outcome").asText().equals("failed"));
        assertTrue(api.attempts(id).get(0).get("error").asText().contains("redirect"));
        assertEquals(2, receiver.received().size(), "no retry, and the redirect was not followed");
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfter() throws Exception {
        String ticker = uniqueTicker();
        String id = api.subscribe(receiver, "[\"tick\"]", "{\"name\":\"" + ticker + "\"}").get("id").asText();
        receiver.retryAfter("1");
        receiver.failNext(1, 429);
        produceTicks(ticker, 1);

        Await.until(ofSeconds(20), "the tick delivered", () -> receiver.accepted().size() == 1);
        List<WebhookReceiver.Received> all = receiver.received();
        assertEquals(2, all.size());
        assertTrue(all.get(1).timestamp() - all.get(0).timestamp() >= 1, "waited for Retry-After, not 300 ms");
        // the successful attempt is logged after the receiver has answered
        Await.until(ofSeconds(10), "both attempts logged", () -> api.attempts(id).size() == 2);
        assertEquals(429, api.attempts(id).get(1).get("statusCode").asInt());
    }

    @Test
    void filtersDeliverExactlyTheMatchingEvents() throws Exception {
        String exchange = "ex" + UUID.randomUUID().toString().substring(0, 6);
        api.subscribe(receiver, "[\"liquidation\"]", "{\"exchange\":\"" + exchange + "\",\"symbol\":[\"BTC-USDT\",\"ETH-USDT\"],"
                + "\"conditions\":[{\"field\":\"amount\",\"op\":\">=\",\"value\":10}]}");
        String topic = props.get("tickflow.topics.liquidations");
        WebhooksClient.produce(SERVERS.kafkaBootstrap(), topic, exchange,
                liquidation(exchange, "BTC-USDT", 10, "a"), liquidation(exchange, "BTC-USDT", 9.99, "b"),
                liquidation(exchange, "ETH-USDT", 25, "c"), liquidation(exchange, "SOL-USDT", 50, "d"),
                liquidation("other", "BTC-USDT", 50, "e"));
        WebhooksClient.produce(SERVERS.kafkaBootstrap(), props.get("tickflow.topics.trades"), exchange,
                "{\"type\":\"trade\",\"exchange\":\"" + exchange + "\",\"symbol\":\"BTC-USDT\",\"amount\":100,\"side\":\"f\"}");
        WebhooksClient.produce(SERVERS.kafkaBootstrap(), topic, exchange, liquidation(exchange, "ETH-USDT", 11, "last"));

        Await.until(ofSeconds(20), "the last matching event", () -> receiver.accepted().stream()
                .anyMatch(r -> r.json().at("/data/side").asText().equals("last")));
        Set<String> sides = receiver.accepted().stream().map(r -> r.json().at("/data/side").asText()).collect(Collectors.toSet());
        assertEquals(Set.of("a", "c", "last"), sides);
        assertEquals(3, receiver.received().size());
    }

    @Test
    void aBackfillsPastEventsAreNotDelivered() throws Exception {
        String exchange = "ex" + UUID.randomUUID().toString().substring(0, 6);
        api.subscribe(receiver, "[\"liquidation\"]", "{\"exchange\":\"" + exchange + "\"}");
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SERVERS.kafkaBootstrap());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> past = new ProducerRecord<>(props.get("tickflow.topics.liquidations"), exchange,
                    liquidation(exchange, "BTC-USDT", 10, "past"));
            past.headers().add(RecordOrigin.HEADER, RecordOrigin.BACKFILL.getBytes(StandardCharsets.UTF_8));
            producer.send(past);
            producer.send(new ProducerRecord<>(props.get("tickflow.topics.liquidations"), exchange,
                    liquidation(exchange, "BTC-USDT", 10, "live")));
        }
        Await.until(ofSeconds(20), "the live event", () -> receiver.accepted().size() == 1);
        // same key, same partition: an event read after the live one was delivered shows the past one had its turn
        WebhooksClient.produce(SERVERS.kafkaBootstrap(), props.get("tickflow.topics.liquidations"), exchange,
                liquidation(exchange, "BTC-USDT", 10, "end"));
        Await.until(ofSeconds(20), "the event after it", () -> receiver.accepted().size() == 2);
        assertEquals(List.of("live", "end"), receiver.accepted().stream().map(r -> r.json().at("/data/side").asText()).toList());
        assertEquals(2, receiver.received().size());
    }

    @Test
    void aReplayWhileTheAttemptIsInFlightIsNotUndoneByItsOutcome() throws Exception {
        String ticker = uniqueTicker();
        String id = api.subscribe(receiver, "[\"tick\"]", "{\"name\":\"" + ticker + "\"}").get("id").asText();
        receiver.answerAfter(1500);
        Instant time = Instant.parse("2026-01-01T00:00:00Z");
        WebhooksClient.produce(SERVERS.kafkaBootstrap(), props.get("tickflow.simulator.topic"), ticker, tick(ticker, 1, time));
        Await.until(ofSeconds(20), "the tick's request received, its answer held back", () -> receiver.received().size() == 1);
        RouteController routes = app.camelContext().getRouteController();
        // no claim meanwhile: the replayed message is left to what the in-flight attempt's outcome does to it
        routes.stopRoute("webhook-queue-to-receivers");
        try {
            JsonNode replay = api.json("POST", "/api/webhooks/" + id + "/replay?from=" + EventTime.format(time)
                    + "&to=" + EventTime.format(time.plusSeconds(1)), null, 202);
            assertEquals(1, replay.get("replayed").asInt());
            Await.until(ofSeconds(10), "the in-flight attempt logged as delivered", () -> api.attempts(id).size() == 1
                    && api.attempts(id).get(0).get("outcome").asText().equals("delivered"));
        } finally {
            routes.startRoute("webhook-queue-to-receivers");
        }
        Await.until(ofSeconds(20), "the replay sent", () -> receiver.accepted().size() == 2);
        assertEquals(receiver.accepted().get(0).id(), receiver.accepted().get(1).id(), "replay keeps the webhook-id");
    }

    @Test
    void replayRedeliversARange() throws Exception {
        String ticker = uniqueTicker();
        String id = api.subscribe(receiver, "[\"tick\"]", "{\"name\":\"" + ticker + "\"}").get("id").asText();
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        WebhooksClient.produce(SERVERS.kafkaBootstrap(), props.get("tickflow.simulator.topic"), ticker,
                tick(ticker, 1, base), tick(ticker, 2, base.plusSeconds(60)), tick(ticker, 3, base.plusSeconds(120)));
        Await.until(ofSeconds(20), "three ticks delivered", () -> receiver.accepted().size() == 3);
        Map<Long, String> idByValue = receiver.accepted().stream()
                .collect(Collectors.toMap(r -> r.json().at("/data/value").asLong(), WebhookReceiver.Received::id));

        JsonNode replay = api.json("POST", "/api/webhooks/" + id + "/replay?from=" + EventTime.format(base.plusSeconds(30))
                + "&to=" + EventTime.format(base.plusSeconds(180)), null, 202);
        assertEquals(2, replay.get("replayed").asInt());
        Await.until(ofSeconds(20), "two ticks redelivered", () -> receiver.accepted().size() == 5);
        List<WebhookReceiver.Received> again = receiver.accepted().subList(3, 5);
        assertEquals(Set.of(2L, 3L), again.stream().map(r -> r.json().at("/data/value").asLong()).collect(Collectors.toSet()));
        again.forEach(r -> assertEquals(idByValue.get(r.json().at("/data/value").asLong()), r.id(), "replay keeps the webhook-id"));

        api.json("POST", "/api/webhooks/" + id + "/replay?from=2026-01-01T00:00:00Z", null, 400);
        JsonNode bad = api.json("POST", "/api/webhooks/" + id + "/replay?from=yesterday&to=2026-01-02T00:00:00Z", null, 400);
        assertEquals("from", bad.get("parameter").asText());
    }

    @Test
    void testEventReachesTheReceiver() throws Exception {
        String id = api.subscribe(receiver, "[\"trade\"]", null).get("id").asText();
        JsonNode queued = api.json("POST", "/api/webhooks/" + id + "/test", null, 202);
        Await.until(ofSeconds(20), "the test event", () -> receiver.accepted().size() == 1);
        WebhookReceiver.Received received = receiver.accepted().get(0);
        assertEquals(queued.get("messageId").asText(), received.id());
        assertEquals("webhook.test", received.json().get("type").asText());
        assertTrue(received.signatureValid());
    }

    @Test
    void aSlowReceiverDoesNotDelayAFastOne() throws Exception {
        String ticker = uniqueTicker();
        try (WebhookReceiver fast = new WebhookReceiver()) {
            receiver.answerAfter(1500);
            api.subscribe(receiver, "[\"tick\"]", "{\"name\":\"" + ticker + "\"}");
            api.subscribe(fast, "[\"tick\"]", "{\"name\":\"" + ticker + "\"}");
            produceTicks(ticker, 10);

            Await.until(ofSeconds(20), "the fast receiver to get all 10", () -> fast.accepted().size() == 10);
            assertEquals(0, receiver.answeredCount(), "the slow receiver has not answered once yet");
            assertTrue(receiver.received().size() <= 5, "the slow receiver holds at most its in-flight share");
            Await.until(ofSeconds(30), "the slow receiver to get all 10 too", () -> receiver.accepted().size() == 10);
        }
    }

    @Test
    void everyAttemptIsCountedInMetricsByOutcome() throws Exception {
        String before = Metrics.scrape(app);
        String ticker = uniqueTicker();
        try (WebhookReceiver refusing = new WebhookReceiver()) {
            api.subscribe(receiver, "[\"tick\"]", "{\"name\":\"" + ticker + "\"}");
            api.subscribe(refusing, "[\"tick\"]", "{\"name\":\"" + ticker + "\"}");
            receiver.failNext(1, 503);
            refusing.failAlways(410);
            produceTicks(ticker, 1);

            Await.until(ofSeconds(20), "a retry, a delivery and a parked failure counted", () -> {
                String after = Metrics.scrape(app);
                return List.of("retrying", "delivered", "failed").stream().allMatch(outcome ->
                        attempts(after, outcome) >= attempts(before, outcome) + 1);
            });
            assertEquals(0, attempts(Metrics.scrape(app), "unrecorded"), "every attempt was logged");
        }
    }

    private static double attempts(String metrics, String outcome) {
        return Metrics.value(metrics, "tickflow_webhook_attempts_total", "outcome=\"" + outcome + "\"");
    }

    private static String uniqueTicker() {
        return "t_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void produceTicks(String ticker, int count) {
        String[] ticks = new String[count];
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            ticks[i] = tick(ticker, i + 1, now.plusMillis(i));
        }
        WebhooksClient.produce(SERVERS.kafkaBootstrap(), props.get("tickflow.simulator.topic"), ticker, ticks);
    }

    static String tick(String ticker, long value, Instant time) {
        return "{\"name\":\"" + ticker + "\",\"value\":" + value + ",\"time\":\"" + EventTime.format(time) + "\"}";
    }

    private static String liquidation(String exchange, String symbol, double amount, String side) {
        return "{\"type\":\"liquidation\",\"exchange\":\"" + exchange + "\",\"symbol\":\"" + symbol + "\",\"side\":\"" + side
                + "\",\"price\":100.5,\"amount\":" + amount + ",\"ts\":\"" + EventTime.format(Instant.now())
                + "\",\"receivedTs\":\"" + EventTime.format(Instant.now()) + "\"}";
    }
}
