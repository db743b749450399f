package io.tickflow.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.WebhookTests;
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

/**
 * Issue 19's webhook loads in small: W1's shape (subscriptions each filtered to a few tickers of
 * their own, one event per request) gets every event to the right receiver once, and W2's
 * (alike subscriptions, batched) stores each batch body once for all of them. PostgreSQL's due
 * messages are polled only at start, so what arrives was sent from memory as it was queued.
 */
class WebhookFanOutIT {

    private static final SharedServers SERVERS = SharedServers.get();
    private static final int SUBSCRIPTIONS = 20;
    private static final int TICKERS_EACH = 3;
    private static final int ROUNDS = 5;

    private static Map<String, String> props;
    private static RunningTickflow app;
    private static WebhooksClient api;

    @BeforeAll
    static void start() throws Exception {
        props = WebhookTests.properties(SERVERS);
        // the timer's first look is at start, before any subscription; the next one an hour later
        props.put("tickflow.webhooks.poll-interval-ms", "3600000");
        app = RunningTickflow.start(props);
        api = new WebhooksClient(app, null);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        SERVERS.dropIsolated(props);
    }

    @Test
    void filteredSubscriptionsGetEachOfTheirEventsOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<WebhookReceiver> receivers = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> tickers = new ArrayList<>();
        try {
            for (int s = 0; s < SUBSCRIPTIONS; s++) {
                List<String> mine = new ArrayList<>();
                for (int t = 0; t < TICKERS_EACH; t++) {
                    mine.add("w1_" + run + "_" + s + "_" + t);
                }
                tickers.addAll(mine);
                WebhookReceiver receiver = new WebhookReceiver();
                receivers.add(receiver);
                ids.add(api.subscribe(receiver, "[\"tick\"]", "{\"name\":[\"" + String.join("\",\"", mine) + "\"]}").get("id").asText());
            }
            // the tickers in turn, round after round, as W1's producer does
            List<String[]> ticks = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (String ticker : tickers) {
                    ticks.add(new String[] {ticker, WebhookDeliveryIT.tick(ticker, round, Instant.now())});
                }
            }
            produce(ticks);

            int each = TICKERS_EACH * ROUNDS;
            Await.until(ofSeconds(60), "every event at its receiver",
                    () -> receivers.stream().mapToInt(r -> r.accepted().size()).sum() >= SUBSCRIPTIONS * each);
            Await.until(ofSeconds(30), "every attempt logged", () -> {
                for (String id : ids) {
                    if (api.attempts(id).size() < each) {
                        return false;
                    }
                }
                return true;
            });
            for (int s = 0; s < SUBSCRIPTIONS; s++) {
                WebhookReceiver receiver = receivers.get(s);
                Set<String> expected = new HashSet<>();
                for (int t = 0; t < TICKERS_EACH; t++) {
                    for (int round = 0; round < ROUNDS; round++) {
                        expected.add("w1_" + run + "_" + s + "_" + t + "/" + round);
                    }
                }
                List<WebhookReceiver.Received> got = receiver.received();
                assertEquals(each, got.size(), "subscription " + s + ": one request per event, no other");
                assertEquals(expected, eventsOf(got), "subscription " + s + ": each of its events, none of the others'");
                assertEquals(each, got.stream().map(WebhookReceiver.Received::id).distinct().count(), "a webhook-id per event");
                assertTrue(got.stream().allMatch(WebhookReceiver.Received::signatureValid), "signed");
                JsonNode attempts = api.attempts(ids.get(s));
                assertEquals(each, attempts.size(), "one attempt per event logged");
                attempts.forEach(a -> assertEquals("delivered", a.get("outcome").asText()));
            }
        } finally {
            receivers.forEach(WebhookReceiver::close);
        }
    }

    @Test
    void alikeBatchedSubscriptionsShareOneStoredBody() throws Exception {
        String ticker = "w2_" + UUID.randomUUID().toString().substring(0, 8);
        List<WebhookReceiver> receivers = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try {
            for (int s = 0; s < 3; s++) {
                WebhookReceiver receiver = new WebhookReceiver();
                receivers.add(receiver);
                ids.add(api.subscribeBatched(receiver, "[\"tick\"]", "{\"name\":\"" + ticker + "\"}", 100).get("id").asText());
            }
            List<String[]> ticks = new ArrayList<>();
            for (int value = 1; value <= 10; value++) {
                ticks.add(new String[] {ticker, WebhookDeliveryIT.tick(ticker, value, Instant.now())});
            }
            produce(ticks);
            Await.until(ofSeconds(60), "all 10 ticks at every receiver",
                    () -> receivers.stream().allMatch(r -> WebhookBatchIT.values(r.accepted()).size() == 10));
            for (WebhookReceiver receiver : receivers) {
                assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L),
                        WebhookBatchIT.values(receiver.accepted()).stream().sorted().toList(), "each tick once");
            }
            try (Connection c = SERVERS.postgresConnection(); PreparedStatement s = c.prepareStatement(
                    "SELECT count(*), count(m.body), count(DISTINCT m.body_id), count(DISTINCT b.id) FROM "
                            + props.get("tickflow.webhooks.messages-table") + " m LEFT JOIN " + props.get("tickflow.webhooks.bodies-table")
                            + " b ON b.id = m.body_id WHERE m.subscription_id = ANY (?)")) {
                s.setArray(1, c.createArrayOf("text", ids.toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    int messages = rs.getInt(1);
                    assertEquals(0, messages % 3, "a message per batch and subscription");
                    assertEquals(0, rs.getInt(2), "no message holds a copy of its body");
                    assertEquals(messages / 3, rs.getInt(3), "one stored body per batch, for the three subscriptions");
                    assertEquals(messages / 3, rs.getInt(4), "each of them stored");
                }
            }
        } finally {
            receivers.forEach(WebhookReceiver::close);
        }
    }

    /** "name/value" of each event received (one event per request). */
    private static Set<String> eventsOf(List<WebhookReceiver.Received> received) {
        Set<String> events = new HashSet<>();
        for (WebhookReceiver.Received r : received) {
            JsonNode data = r.json().get("data");
            events.add(data.get("name").asText() + "/" + data.get("value").asLong());
        }
        return events;
    }

    private static void produce(List<String[]> keyedEvents) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SERVERS.kafkaBootstrap());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (String[] event : keyedEvents) {
                producer.send(new ProducerRecord<>(props.get("tickflow.simulator.topic"), event[0], event[1]));
            }
            producer.flush();
        }
    }
}
