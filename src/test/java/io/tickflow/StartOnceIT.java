package io.tickflow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tickflow.testing.Await;
import io.tickflow.testing.LogLines;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.Test;

import static io.tickflow.testing.Metrics.scrape;
import static io.tickflow.testing.Metrics.value;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One start builds each bean of the route files once (the schemas are applied once, the named
 * queries read once), and a first start on topics that do not exist yet creates them before any
 * consumer asks for them, so Kafka's clients have nothing to warn about (nor has Micrometer).
 */
class StartOnceIT {

    @Test
    void beansAreBuiltOnceAndAFirstStartLogsNoKafkaWarning() throws Exception {
        SharedServers servers = SharedServers.get();
        Map<String, String> props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.count", "3");
        props.put("tickflow.simulator.period-ms", "100");
        try (LogLines tickflow = LogLines.of("io.tickflow"); LogLines kafka = LogLines.of("org.apache.kafka");
                LogLines camel = LogLines.of("org.apache.camel"); LogLines micrometer = LogLines.of("io.micrometer")) {
            try (RunningTickflow app = RunningTickflow.start(props)) {
                // producers and every consumer have used the new topics once ticks are stored
                Await.until(ofSeconds(60), "ticks stored by both sinks", () -> {
                    String metrics = scrape(app);
                    return value(metrics, "tickflow_sink_rows_total", "sink=\"questdb\"") >= 3
                            && value(metrics, "tickflow_sink_rows_total", "sink=\"postgres\"") >= 3;
                });
            }
            assertEquals(1, count(tickflow, "INFO Schema classpath:sql/postgres-schema.sql applied"), tickflow.lines().toString());
            assertEquals(1, count(tickflow, "INFO Schema classpath:sql/questdb-schema.sql applied"), tickflow.lines().toString());
            assertEquals(1, count(tickflow, "INFO Serving "), "the named queries read once: " + tickflow.lines());
            List<String> warnings = kafka.lines().stream().filter(line -> line.startsWith("WARN") || line.startsWith("ERROR")).toList();
            assertEquals(0, warnings.size(), warnings.size() + " warnings, the first: " + warnings.stream().limit(3).toList());
            assertEquals(List.of(), micrometer.lines(), "Micrometer has nothing to say (it warned of a meter registered twice)");
            assertEquals(1, camel.lines().stream().filter(line -> line.startsWith("INFO Apache Camel ")
                    && line.contains(" (tickflow) shutdown in ")).count(), camel.lines().toString());
        } finally {
            servers.dropIsolated(props);
        }
    }

    private static long count(LogLines lines, String prefix) {
        return lines.lines().stream().filter(line -> line.startsWith(prefix)).count();
    }
}
