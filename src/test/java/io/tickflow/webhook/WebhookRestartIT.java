package io.tickflow.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.event.EventTime;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.WebhookTests;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A restart of the bundle while a delivery is being retried loses nothing. */
class WebhookRestartIT {

    private static final SharedServers SERVERS = SharedServers.get();

    @Test
    void aPendingRetrySurvivesARestart() throws Exception {
        Map<String, String> props = WebhookTests.properties(SERVERS);
        props.put("tickflow.webhooks.retry-schedule", "0s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s");
        props.put("tickflow.webhooks.timeout-ms", "2000");
        props.put("tickflow.webhooks.lease-ms", "5000");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String subscription;
            receiver.failAlways(503);
            try (RunningTickflow first = RunningTickflow.start(props)) {
                WebhooksClient api = new WebhooksClient(first, null);
                subscription = api.subscribe(receiver, "[\"tick\"]", null).get("id").asText();
                WebhooksClient.produce(SERVERS.kafkaBootstrap(), props.get("tickflow.simulator.topic"), "ticker_r",
                        "{\"name\":\"ticker_r\",\"value\":7,\"time\":\"" + EventTime.format(Instant.now()) + "\"}");
                Await.until(ofSeconds(20), "a failed attempt", () -> api.attempts(subscription).size() >= 1);
            }
            int failedBeforeRestart = receiver.received().size();
            receiver.recover();

            try (RunningTickflow second = RunningTickflow.start(props)) {
                WebhooksClient api = new WebhooksClient(second, null);
                Await.until(ofSeconds(30), "the tick delivered after the restart", () -> receiver.accepted().size() == 1);
                List<WebhookReceiver.Received> all = receiver.received();
                assertTrue(failedBeforeRestart >= 1);
                assertEquals(1, all.stream().map(WebhookReceiver.Received::id).distinct().count(), "the same message throughout");
                assertEquals(7, receiver.accepted().get(0).json().at("/data/value").asLong());
                assertTrue(receiver.accepted().get(0).signatureValid());
                Await.until(ofSeconds(10), "the delivery logged", () -> api.attempts(subscription).get(0).get("outcome").asText().equals("delivered"));
                JsonNode attempts = api.attempts(subscription);
                assertEquals(all.size(), attempts.size(), "every attempt logged, before and after the restart");
            }
        } finally {
            SERVERS.dropIsolated(props);
        }
    }
}
