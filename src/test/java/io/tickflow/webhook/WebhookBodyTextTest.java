package io.tickflow.webhook;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WebhookBodyTextTest {

    private static final Instant TIME = Instant.parse("2026-11-25T20:22:34.965088Z");

    @Test
    void theEventIsSplicedInAsItIsOnKafka() {
        String event = "{\"name\":\"ticker_07\", \"value\":-3,\"time\":\"2026-11-25T20:22:34.965088Z\"}";
        assertEquals("{\"type\":\"tick\",\"timestamp\":\"2026-11-25T20:22:34.965088Z\",\"data\":" + event + "}",
                WebhookIntake.body("tick", TIME, event));
    }

    @Test
    void theTypeIsEscapedSoTheBodyStaysJson() throws Exception {
        JsonNode body = SubscriptionRequests.JSON.readTree(WebhookIntake.body("a\"b\\c\n", TIME, "{\"x\":1}"));
        assertEquals("a\"b\\c\n", body.get("type").asText());
        assertEquals(1, body.at("/data/x").asInt());
    }
}
