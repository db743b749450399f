package io.tickflow.simulator.market;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import io.tickflow.feed.FeedSwitch;
import io.tickflow.feed.ReplayServer;
import io.tickflow.feed.TopicRecords;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The market simulator runs by default only while no exchange feed is configured, and
 * tickflow.market-simulator.enabled decides outright when set. (MarketSimulatorPipelineIT starts
 * Tickflow with no feed and sees it run.)
 */
class MarketSimulatorSwitchIT {

    @Test
    void onByDefaultWithoutFeedsOffWithAFeedAndAnExplicitValueWins() throws Exception {
        assertEquals("true", enabled(Map.of()));
        assertEquals("true", enabled(Map.of("tickflow.feeds", " ")));
        assertEquals("false", enabled(Map.of("tickflow.feeds", "binance-usdm-aggtrade")));
        assertEquals("false", enabled(Map.of("tickflow.feeds", "bitmex-trade,bitmex-quote")));
        assertEquals("true", enabled(Map.of("tickflow.feeds", "bitmex-trade", "tickflow.market-simulator.enabled", "true")));
        assertEquals("false", enabled(Map.of("tickflow.market-simulator.enabled", "false")));
    }

    @Test
    void doesNotRunWhenAFeedIsConfigured() throws Exception {
        SharedServers servers = SharedServers.get();
        Map<String, String> props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.feeds", "binance-usdm-aggtrade");
        try (ReplayServer exchange = ReplayServer.start(Map.of("@aggTrade", "binance_usdm_aggTrade.jsonl"))) {
            props.put("tickflow.feed.binance-usdm.market-url", exchange.url("/market/stream"));
            try (RunningTickflow app = RunningTickflow.start(props)) {
                assertNull(app.camelContext().getRoute("market-simulator-to-kafka"), "no market simulator route beside a feed");
                Await.until(ofSeconds(60), "the feed's trades on Kafka", () ->
                        !TopicRecords.read(servers.kafkaBootstrap(), props.get("tickflow.topics.trades")).isEmpty());
            }
            assertTrue(TopicRecords.read(servers.kafkaBootstrap(), props.get("tickflow.topics.trades")).stream()
                    .noneMatch(t -> t.value().get("exchange").asText().equals("simulator")), "only the feed's trades");
        } finally {
            servers.dropIsolated(props);
        }
    }

    /** tickflow.market-simulator.enabled as the route's precondition sees it: application.properties, then these overrides. */
    private static String enabled(Map<String, String> overrides) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            Properties override = new Properties();
            override.putAll(overrides);
            context.getPropertiesComponent().setLocation("classpath:application.properties");
            context.getPropertiesComponent().setOverrideProperties(override);
            new FeedSwitch().register(context);
            return context.resolvePropertyPlaceholders("{{tickflow.market-simulator.enabled}}");
        }
    }
}
