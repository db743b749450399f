package io.tickflow.webhook;

import java.time.Instant;
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

/** An endpoint failing for longer than tickflow.webhooks.disable-after is disabled, and says why. */
class WebhookDisableIT {

    private static final SharedServers SERVERS = SharedServers.get();

    @Test
    void aSteadilyFailingEndpointIsDisabledAndKeepsItsMessagesUntilResumed() throws Exception {
        Map<String, String> props = WebhookTests.properties(SERVERS);
        props.put("tickflow.webhooks.retry-schedule", "0s,400ms,400ms,400ms,400ms,400ms,400ms,400ms,400ms,400ms");
        props.put("tickflow.webhooks.disable-after", "1s");
        try (WebhookReceiver receiver = new WebhookReceiver(); RunningTickflow app = RunningTickflow.start(props)) {
            WebhooksClient api = new WebhooksClient(app, null);
            String id = api.subscribe(receiver, "[\"tick\"]", null).get("id").asText();
            receiver.failAlways(503);
            WebhooksClient.produce(SERVERS.kafkaBootstrap(), props.get("tickflow.simulator.topic"), "ticker_d",
                    "{\"name\":\"ticker_d\",\"value\":3,\"time\":\"" + EventTime.format(Instant.now()) + "\"}");

            Await.until(ofSeconds(20), "the subscription disabled",
                    () -> api.json("GET", "/api/webhooks/" + id, null, 200).get("status").asText().equals("disabled"));
            JsonNode disabled = api.json("GET", "/api/webhooks/" + id, null, 200);
            assertTrue(disabled.get("disabledReason").asText().contains("HTTP 503"), disabled.toString());
            int attemptsWhenDisabled = receiver.received().size();
            assertTrue(attemptsWhenDisabled < 10, "disabled before the schedule ran out");
            assertEquals("pending", api.attempts(id).get(0).get("messageStatus").asText(), "the message is kept");

            receiver.recover();
            api.json("PATCH", "/api/webhooks/" + id, "{\"status\":\"active\"}", 200);
            Await.until(ofSeconds(20), "the kept message delivered after resuming", () -> receiver.accepted().size() == 1);
            assertEquals(3, receiver.accepted().get(0).json().at("/data/value").asLong());
        } finally {
            SERVERS.dropIsolated(props);
        }
    }
}
