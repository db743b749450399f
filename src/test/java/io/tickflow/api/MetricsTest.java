package io.tickflow.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tickflow.testing.Await;
import io.tickflow.testing.Events;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /metrics serves Prometheus series for the routes, the sinks and the dead letters. */
class MetricsTest {

    @Test
    void sinkRowsBatchesDeadLettersAndRoutesAreExposed() throws Exception {
        SharedServers servers = SharedServers.get();
        Map<String, String> props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.count", "3");
        props.put("tickflow.simulator.period-ms", "100");
        try (RunningTickflow app = RunningTickflow.start(props)) {
            Events.send(servers.kafkaBootstrap(), props.get("tickflow.topics.trades"), "binance:BTC-USDT",
                    List.of(Events.trade(1), "{\"type\":\"trade\",\"broken\""));
            Await.until(ofSeconds(60), "rows and a dead letter in the metrics of both sinks", () -> {
                String metrics = app.get("/metrics").body();
                return value(metrics, "tickflow_sink_rows_total", "sink=\"questdb\"") >= 31
                        && value(metrics, "tickflow_sink_rows_total", "sink=\"postgres\"") >= 31
                        && value(metrics, "tickflow_dead_letters_total", "source=\"questdb-sink\"") == 1
                        && value(metrics, "tickflow_dead_letters_total", "source=\"postgres-sink\"") == 1;
            });
            var response = app.get("/metrics");
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            String metrics = response.body();
            assertTrue(value(metrics, "tickflow_sink_batch_seconds_count", "sink=\"questdb\"") >= 1, metrics);
            assertTrue(value(metrics, "tickflow_sink_batch_seconds_count", "sink=\"postgres\"") >= 1, metrics);
            assertTrue(value(metrics, "camel_exchanges_total", "routeId=\"ticker-simulator-to-kafka\"") >= 10, metrics);
        } finally {
            servers.dropIsolated(props);
        }
    }

    /** The value of a series whose labels include the given one; -1 when there is none. */
    private static double value(String metrics, String name, String label) {
        Matcher m = Pattern.compile("^" + name + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        while (m.find()) {
            if (m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return -1;
    }
}
