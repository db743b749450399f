package io.tickflow.stream;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
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

/** The WebSocket stream for clients that offer permessage-deflate, as every browser does, and its close codes. */
class StreamCompressionTest {

    private static final SharedServers SERVERS = SharedServers.get();

    private static Map<String, String> props;
    private static RunningTickflow app;

    @BeforeAll
    static void start() throws Exception {
        props = new HashMap<>(SERVERS.isolatedProperties());
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        props.put("tickflow.simulator.count", "3");
        props.put("tickflow.simulator.period-ms", "100");
        props.put("tickflow.stream.group-id", "stream-compression-" + id);
        props.put("tickflow.webhooks.group-id", "webhooks-" + id);
        props.put("tickflow.webhooks.subscriptions-table", "webhook_subscriptions_" + id);
        props.put("tickflow.webhooks.messages-table", "webhook_messages_" + id);
        props.put("tickflow.webhooks.attempts-table", "webhook_attempts_" + id);
        app = RunningTickflow.start(props);
        Await.until(ofSeconds(60), "ticks stored", () -> StoredTicks.count(SERVERS.postgresConnection(),
                props.get("tickflow.sink.postgres.records-table")) >= 10);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        SERVERS.dropIsolated(props);
        SERVERS.dropAll(List.of(), List.of(), List.of(props.get("tickflow.webhooks.attempts-table"),
                props.get("tickflow.webhooks.messages-table"), props.get("tickflow.webhooks.subscriptions-table")));
    }

    @Test
    void compressingClientsSubscribeAndReceive() throws Exception {
        try (VertxStreamClient client = VertxStreamClient.connect(wsUri(), true)) {
            assertTrue(client.extensions().contains("permessage-deflate"), "compression negotiated: " + client.extensions());
            client.send("{\"event_type\":\"subscribe\",\"data_type\":\"tickers\",\"name\":\"ticker_01\",\"history\":3}");
            Await.until(ofSeconds(30), "3 live ticks, or the socket closed",
                    () -> client.frames("data").size() >= 3 || client.isClosed());
            assertTrue(!client.isClosed(), "socket closed: " + client.closeStatus() + " " + client.closeReason());
            List<JsonNode> frames = client.frames();
            assertEquals("subscribed", frames.get(0).get("event_type").asText());
            assertEquals("history", frames.get(1).get("event_type").asText());
            assertEquals(3, frames.get(1).get("data").size());
            for (JsonNode live : client.frames("data")) {
                assertEquals("ticker_01", live.at("/data/name").asText());
            }
        }
    }

    private static URI wsUri() {
        return URI.create("ws" + app.uri("/api/stream").toString().substring(4));
    }
}
