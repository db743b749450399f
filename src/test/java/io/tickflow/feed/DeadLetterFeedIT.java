package io.tickflow.feed;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

/** Bad frames (written for this test, in exchanges/synthetic/) go to the dead-letter topic; the connection stays up. */
class DeadLetterFeedIT {

    private final SharedServers servers = SharedServers.get();
    private Map<String, String> props;
    private ReplayServer exchange;

    @BeforeEach
    void start() throws Exception {
        exchange = ReplayServer.start(Map.of("@aggTrade", "synthetic/binance_usdm_bad_frames.jsonl"));
        props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.feeds", "binance-usdm-aggtrade");
        props.put("tickflow.feed.binance-usdm.market-url", exchange.url("/market/stream"));
    }

    @AfterEach
    void stop() throws Exception {
        exchange.close();
        servers.dropIsolated(props);
    }

    @Test
    void eachBadFrameIsOneDeadLetterWithRawFrameSourceAndReason() throws Exception {
        List<String> frames = ReplayServer.fixture("synthetic/binance_usdm_bad_frames.jsonl");
        try (RunningTickflow app = RunningTickflow.start(props)) {
            Await.until(ofSeconds(60), "6 dead letters and the good trade after them",
                    () -> read("deadletter").size() == 6 && read("trades").size() == 1);
            FeedConsumer consumer = (FeedConsumer) app.camelContext().getRoutes().stream().map(r -> r.getConsumer())
                    .filter(c -> c instanceof FeedConsumer).findFirst().orElseThrow();
            assertEquals(6, consumer.deadLetterCount());
            String metrics = app.get("/metrics").body();
            assertTrue(metrics.contains("tickflow_dead_letters_total{camel_context=\"tickflow\",source=\"feeds\"} 6.0"), metrics);
            assertEquals(1, exchange.handshakes(), "the connection stayed up");
        }
        List<Keyed> dead = read("deadletter");
        assertEquals(frames.subList(0, 6), dead.stream().map(d -> d.value().get("payload").asText()).toList(), "raw frames, in order");
        assertEquals(List.of("p is not a number: \"NaN\"", "malformed JSON", "q must be positive, got 0", "unknown symbol FOOBAR",
                "missing object data", "unknown event type somethingNew"),
                dead.stream().map(d -> d.value().get("reason").asText().replaceAll("^malformed JSON.*", "malformed JSON")).toList());
        dead.forEach(d -> assertEquals("binance-usdm-aggtrade", d.value().get("source").asText()));
        assertEquals("100.50", read("trades").get(0).value().get("price").asText());
    }

    private List<Keyed> read(String topic) throws Exception {
        return TopicRecords.read(servers.kafkaBootstrap(), props.get("tickflow.topics." + topic));
    }
}
