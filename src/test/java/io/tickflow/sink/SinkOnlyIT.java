package io.tickflow.sink;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tickflow.testing.Await;
import io.tickflow.testing.Events;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.StoredTicks;
import org.apache.camel.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tickflow as a sink only (README, Scale-out): with only the route files README lists, it starts,
 * stores what the topics hold in both databases and answers its health and metrics, and nothing
 * else of Tickflow runs. A bean one of these files comes to need from another file breaks it here.
 */
class SinkOnlyIT {

    /** The list README gives for CAMEL_MAIN_ROUTES_INCLUDE_PATTERN. */
    static final String SINK_ONLY_ROUTES = "classpath:routes/storage.camel.yaml,classpath:routes/sink.camel.yaml,"
            + "classpath:routes/questdb-sink.camel.yaml,classpath:routes/postgres-sink.camel.yaml,classpath:routes/dead-letter.camel.yaml,"
            + "classpath:rest/api-errors.camel.yaml,classpath:rest/health.camel.yaml,classpath:rest/metrics.camel.yaml";

    private final SharedServers servers = SharedServers.get();
    private Map<String, String> props;

    @BeforeEach
    void isolate() {
        props = new HashMap<>(servers.isolatedProperties());
        props.put("camel.main.routes-include-pattern", SINK_ONLY_ROUTES);
    }

    @AfterEach
    void cleanUp() throws Exception {
        servers.dropIsolated(props);
    }

    @Test
    void theSinkRouteFilesAloneStoreEveryEventAndAnswerHealth() throws Exception {
        List<String> trades = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            trades.add(Events.trade(i));
        }
        Events.send(servers.kafkaBootstrap(), props.get("tickflow.topics.trades"), "binance:BTC-USDT", trades);
        try (RunningTickflow app = RunningTickflow.start(props)) {
            Await.until(ofSeconds(60), "50 trades in both databases", () ->
                    StoredTicks.count(servers.questdbConnection(), props.get("tickflow.sink.questdb.trades-table")) == 50
                            && StoredTicks.count(servers.postgresConnection(), props.get("tickflow.sink.postgres.trades-table")) == 50);
            assertEquals(List.of("dead-letters-to-kafka", "health-live", "health-ready", "health-report", "kafka-to-postgres",
                    "kafka-to-questdb", "prometheus-scrape"), app.camelContext().getRoutes().stream().map(Route::getRouteId).sorted().toList(),
                    "no simulator, feed, stream, webhook, backfill or query route");
            Await.until(ofSeconds(30), "health UP", () -> app.get("/api/health").statusCode() == 200);
            HttpResponse<String> metrics = app.get("/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("tickflow_sink_rows_total{") && metrics.body().contains("sink=\"questdb\""),
                    "the sinks' series: " + metrics.body().lines().filter(l -> l.startsWith("tickflow_sink")).toList());
            assertEquals(404, app.get("/api/queries").statusCode(), "the named queries are not served");
        }
    }
}
