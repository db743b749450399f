package io.tickflow.api;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.embedded.EmbeddedQuestDb;
import io.tickflow.feed.ReplayServer;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /api/health and /api/health/ready turn 503 and name QuestDB when QuestDB goes away, while
 * /api/health/live stays 200: restarting Tickflow would not bring QuestDB back. Camel's own
 * health checks (what `camel get health` and Camel's health endpoints report) say the same, and
 * so they do of a feed that loses its exchange.
 */
class HealthDownIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void healthIs503NamingTheServerThatIsDown() throws Exception {
        SharedServers servers = SharedServers.get();
        Map<String, String> props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        // a QuestDB of this test's own, so stopping it disturbs no other test
        EmbeddedQuestDb questdb = new EmbeddedQuestDb(Files.createTempDirectory("health-questdb"), 0, 0).start();
        props.put("tickflow.questdb.http-port", String.valueOf(questdb.httpPort()));
        props.put("tickflow.questdb.pg-port", String.valueOf(questdb.pgPort()));
        try (RunningTickflow app = RunningTickflow.start(props)) {
            Map<String, HealthCheck.State> checks = readiness(app);
            for (String check : List.of("kafka", "questdb", "postgres", "context")) {
                assertEquals(HealthCheck.State.UP, checks.get(check), check + " in " + checks);
            }
            var up = app.get("/api/health");
            assertEquals(200, up.statusCode(), up.body());
            JsonNode upBody = JSON.readTree(up.body());
            assertEquals("UP", upBody.get("status").asText());
            for (String component : List.of("kafka", "questdb", "postgres", "routes")) {
                assertEquals("UP", upBody.at("/components/" + component + "/status").asText(), component);
            }
            assertEquals(200, app.get("/api/health/ready").statusCode());
            var live = app.get("/api/health/live");
            assertEquals(200, live.statusCode(), live.body());
            assertEquals("UP", JSON.readTree(live.body()).get("status").asText());
            assertTrue(live.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));

            questdb.close();

            var response = app.get("/api/health");
            assertEquals(503, response.statusCode(), response.body());
            JsonNode body = JSON.readTree(response.body());
            assertEquals("DOWN", body.get("status").asText());
            assertEquals(List.of("questdb"), JSON.convertValue(body.get("down"), List.class));
            assertEquals("DOWN", body.at("/components/questdb/status").asText());
            assertTrue(body.at("/components/questdb/reason").asText().length() > 0);
            assertEquals("UP", body.at("/components/postgres/status").asText());

            var ready = app.get("/api/health/ready");
            assertEquals(503, ready.statusCode(), ready.body());
            assertEquals(List.of("questdb"), JSON.convertValue(JSON.readTree(ready.body()).get("down"), List.class));
            var stillLive = app.get("/api/health/live");
            assertEquals(200, stillLive.statusCode(), stillLive.body());

            Map<String, HealthCheck.State> down = readiness(app);
            assertEquals(HealthCheck.State.DOWN, down.get("questdb"), down.toString());
            assertEquals(HealthCheck.State.UP, down.get("postgres"), down.toString());
            assertEquals(HealthCheck.State.UP, down.get("kafka"), down.toString());
            assertTrue(HealthCheckHelper.isResultsUp(HealthCheckHelper.invokeLiveness(app.camelContext(), "full"), false));
        } finally {
            questdb.close();
            servers.dropAll(List.of(props.get("tickflow.simulator.topic")), List.of(),
                    props.entrySet().stream().filter(e -> e.getKey().startsWith("tickflow.sink.postgres."))
                            .filter(e -> e.getKey().endsWith("-table")).map(Map.Entry::getValue).toList());
        }
    }

    @Test
    void aFeedIsReadyOnlyWhileConnectedToItsExchange() throws Exception {
        SharedServers servers = SharedServers.get();
        Map<String, String> props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.feeds", "binance-usdm-aggtrade");
        props.put("tickflow.feed.backoff-initial-ms", "100");
        props.put("tickflow.feed.backoff-max-ms", "1000");
        String feed = "feed:binance-usdm-aggtrade";
        try (ReplayServer exchange = ReplayServer.start(Map.of("@aggTrade", "binance_usdm_aggTrade.jsonl"))) {
            props.put("tickflow.feed.binance-usdm.market-url", exchange.url("/market/stream"));
            try (RunningTickflow app = RunningTickflow.start(props)) {
                Await.until(Duration.ofSeconds(60), "the connected feed UP in /api/health", () -> {
                    var response = app.get("/api/health");
                    return response.statusCode() == 200
                            && "UP".equals(JSON.readTree(response.body()).at("/components/" + feed + "/status").asText());
                });
                assertEquals(HealthCheck.State.UP, readiness(app).get(feed));

                exchange.close();
                Await.until(Duration.ofSeconds(30), "the feed without its exchange DOWN in /api/health", () ->
                        app.get("/api/health").statusCode() == 503);
                JsonNode body = JSON.readTree(app.get("/api/health").body());
                assertEquals(List.of(feed), JSON.convertValue(body.get("down"), List.class), body.toString());
                assertTrue(body.at("/components/" + feed + "/reason").asText().contains("reconnecting"), body.toString());
                assertEquals(HealthCheck.State.DOWN, readiness(app).get(feed));
                assertEquals(200, app.get("/api/health/live").statusCode());
            }
        } finally {
            servers.dropIsolated(props);
        }
    }

    /** The state of every readiness check, by id, as Camel's health-check helper reports them. */
    private static Map<String, HealthCheck.State> readiness(RunningTickflow app) {
        return HealthCheckHelper.invokeReadiness(app.camelContext(), "full").stream()
                .collect(Collectors.toMap(result -> result.getCheck().getId(), HealthCheck.Result::getState));
    }
}
