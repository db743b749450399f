package io.tickflow.stream;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.testing.Await;
import io.tickflow.testing.LogLines;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.StoredTicks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The WebSocket stream for clients that offer permessage-deflate, as every browser, Python websockets
 * and Node ws do by default, and the close codes of frames it cannot take.
 */
class StreamProtocolIT {

    private static final SharedServers SERVERS = SharedServers.get();

    private static Map<String, String> props;
    private static RunningTickflow app;

    @BeforeAll
    static void start() throws Exception {
        props = new HashMap<>(SERVERS.isolatedProperties());
        props.put("tickflow.simulator.count", "3");
        props.put("tickflow.simulator.period-ms", "100");
        app = RunningTickflow.start(props);
        Await.until(ofSeconds(60), "ticks stored", () -> StoredTicks.count(SERVERS.postgresConnection(),
                props.get("tickflow.sink.postgres.records-table")) >= 10);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        SERVERS.dropIsolated(props);
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

    @Test
    void framesOverTheSizeLimitCloseWith1009() throws Exception {
        String big = "{\"event_type\":\"subscribe\",\"data_type\":\"tickers\",\"name\":\"" + "x".repeat(10_000) + "\"}";
        try (LogLines log = LogLines.of("io.tickflow.stream")) {
            for (boolean compressing : new boolean[] {true, false}) {
                try (VertxStreamClient client = VertxStreamClient.connect(wsUri(), compressing)) {
                    client.send(big);
                    assertEquals(1009, client.awaitClosed(), "compressing " + compressing + ": " + client.closeReason());
                    assertTrue(client.closeReason().contains("tickflow.stream.max-frame-bytes"), client.closeReason());
                }
            }
            // over the HTTP server's own 64 KiB frame limit, refused before it reaches the stream
            try (VertxStreamClient client = VertxStreamClient.connect(wsUri(), false)) {
                client.send("x".repeat(100_000));
                assertEquals(1009, client.awaitClosed(), client.closeReason());
            }
            assertEquals(3, log.lines().stream().filter(l -> l.contains("with status 1009")).count(), log.lines().toString());
        }
    }

    @Test
    void invalidUtf8ClosesWith1007() throws Exception {
        try (LogLines log = LogLines.of("io.tickflow.stream"); VertxStreamClient client = VertxStreamClient.connect(wsUri(), true)) {
            client.send("{\"event_type\":\"subscribe\",\"data_type\":\"tickers\",\"name\":\"ticker_01\"}");
            client.awaitFrame("subscribed", f -> f.get("event_type").asText().equals("subscribed"));
            byte[] frame = "{\"event_type\":\"subscribe\",\"data_type\":\"tickers\",\"name\":\"?\"}".getBytes(StandardCharsets.UTF_8);
            frame[frame.length - 3] = (byte) 0xC3;
            client.sendTextBytes(frame);
            assertEquals(1007, client.awaitClosed(), client.closeReason());
            assertTrue(log.lines().stream().anyMatch(l -> l.contains("with status 1007") && l.contains("UTF-8")), log.lines().toString());
        }
    }

    private static URI wsUri() {
        return URI.create("ws" + app.uri("/api/stream").toString().substring(4));
    }
}
