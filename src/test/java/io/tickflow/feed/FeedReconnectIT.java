package io.tickflow.feed;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.feed.TopicRecords.Keyed;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared connection lifecycle, seen from Kafka: drops, silence, slow handshakes. */
class FeedReconnectIT {

    private static final int RECORDED_TRADES = 91;

    private final SharedServers servers = SharedServers.get();
    private Map<String, String> props;
    private ReplayServer exchange;

    @BeforeEach
    void start() throws Exception {
        exchange = ReplayServer.start(Map.of("@aggTrade", "binance_usdm_aggTrade.jsonl"));
        props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.feeds", "binance-usdm-aggtrade");
        props.put("tickflow.feed.binance-usdm.market-url", exchange.url("/market/stream"));
        props.put("tickflow.feed.watchdog-seconds", "2");
        props.put("tickflow.feed.backoff-initial-ms", "100");
        props.put("tickflow.feed.backoff-max-ms", "1000");
    }

    @AfterEach
    void stop() throws Exception {
        exchange.close();
        servers.dropIsolated(props);
    }

    @Test
    void afterADropAndASilentConnectionTheFeedResubscribesReportsTheGapAndDataFlowsAgain() throws Exception {
        try (RunningTickflow app = RunningTickflow.start(props)) {
            Await.until(ofSeconds(60), "the recorded trades", () -> trades().size() == RECORDED_TRADES);
            Instant beforeDrop = Instant.now();
            exchange.goSilent(true);
            exchange.dropConnections();
            Await.until(ofSeconds(30), "a reconnect that subscribes again", () -> subscriptions() == 2);
            exchange.goSilent(false);
            Await.until(ofSeconds(30), "the watchdog to drop the silent connection and the replay after it",
                    () -> trades().size() == 2 * RECORDED_TRADES);
            assertEquals(3, exchange.handshakes(), "first connection, the silent one, the one after the watchdog");
            assertEquals(3, subscriptions(), "subscribed on every connection");
            assertEquals(1, exchange.liveConnections(), "one live connection per feed");

            List<Keyed> status = TopicRecords.read(servers.kafkaBootstrap(), props.get("tickflow.topics.status"));
            assertEquals(1, status.size(), "one gap from the drop to the first data after it: " + status);
            JsonNode gap = status.get(0).value();
            assertEquals("binance-usdm-aggtrade", status.get(0).key());
            assertEquals("gap", gap.get("type").asText());
            assertEquals("binance-usdm", gap.get("exchange").asText());
            assertTrue(gap.get("reason").asText().startsWith("closed by the server (1001"), gap.toString());
            Instant from = Instant.parse(gap.get("from").asText());
            Instant to = Instant.parse(gap.get("to").asText());
            assertTrue(from.isBefore(beforeDrop) && to.isAfter(beforeDrop), "the gap spans the drop: " + gap);
            assertTrue(to.isAfter(from.plusSeconds(2)), "the silent connection is inside the gap: " + gap);
            assertTrue(gap.get("connectAttempts").asInt() >= 2, gap.toString());
        }
    }

    @Test
    void aSlowHandshakeYieldsExactlyOneConnectionAndNoDuplicates() throws Exception {
        exchange.delayHandshakes(3000);
        try (RunningTickflow app = RunningTickflow.start(props)) {
            Await.until(ofSeconds(60), "the recorded trades", () -> trades().size() >= RECORDED_TRADES);
            assertEquals(1, exchange.handshakes(), "the slow handshake was not retried in parallel");
            assertEquals(1, exchange.liveConnections());
            assertEquals(1, subscriptions());
            assertEquals(RECORDED_TRADES, trades().size(), "every trade exactly once");
            assertEquals(0, TopicRecords.read(servers.kafkaBootstrap(), props.get("tickflow.topics.status")).size());
            Await.until(ofSeconds(10), "the client to answer the server's ping", () -> exchange.pongs() == 1);
        }
    }

    private long subscriptions() {
        return exchange.received().stream().filter(m -> m.contains("SUBSCRIBE")).count();
    }

    private List<Keyed> trades() throws Exception {
        return TopicRecords.read(servers.kafkaBootstrap(), props.get("tickflow.topics.trades"));
    }
}
