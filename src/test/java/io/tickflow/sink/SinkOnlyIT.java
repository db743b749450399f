package io.tickflow.sink;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.tickflow.Tickflow;
import io.tickflow.startup.RouteFilesSetting;
import io.tickflow.testing.Await;
import io.tickflow.testing.ChildJvm;
import io.tickflow.testing.Events;
import io.tickflow.testing.LogLines;
import io.tickflow.testing.Ports;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.SinkOnlyRoutes;
import io.tickflow.testing.StoredTicks;
import io.tickflow.testing.TempDirs;
import org.apache.camel.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tickflow as a sink only (README, Scale-out): with only the route files README lists, it starts,
 * stores what the topics hold in both databases and answers its health and metrics, and nothing
 * else of Tickflow runs. A bean one of these files comes to need from another file breaks it here.
 */
class SinkOnlyIT {

    private final SharedServers servers = SharedServers.get();
    private Map<String, String> props;

    @BeforeEach
    void isolate() {
        props = new HashMap<>(servers.isolatedProperties());
        props.put("camel.main.routes-include-pattern", SinkOnlyRoutes.README);
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
            List<String> built = beansOfOtherFiles().stream()
                    .filter(name -> app.camelContext().getRegistry().lookupByName(name) != null).toList();
            assertEquals(List.of(), built, "beans of route files outside the list were built");
        }
    }

    /**
     * QuestDB alone (README: tickflow.postgres.enabled=false): no PostgreSQL is started (none is
     * configured, so one would be embedded), connected to or checked, and the trades are stored.
     */
    @Test
    void questdbAloneNeedsNoPostgres() throws Exception {
        Path dataDir = Files.createTempDirectory("tickflow-sink-only");
        props.put("tickflow.data-dir", dataDir.toString());
        props.put("tickflow.postgres.enabled", "false");
        props.put("tickflow.postgres.host", "");
        props.put("tickflow.postgres.embedded.port", String.valueOf(Ports.free()));
        Events.send(servers.kafkaBootstrap(), props.get("tickflow.topics.trades"), "binance:BTC-USDT", List.of(Events.trade(1), Events.trade(2)));
        try (LogLines embedded = LogLines.of("io.tickflow.embedded"); LogLines storage = LogLines.of("io.tickflow.storage");
                RunningTickflow app = RunningTickflow.start(props)) {
            Await.until(ofSeconds(60), "2 trades in QuestDB", () ->
                    StoredTicks.count(servers.questdbConnection(), props.get("tickflow.sink.questdb.trades-table")) == 2);
            HttpResponse<String> health = app.get("/api/health");
            assertEquals(200, health.statusCode(), health.body());
            assertFalse(health.body().contains("postgres"), health.body());
            assertFalse(app.camelContext().getRouteController().getRouteStatus("kafka-to-postgres").isStarted(), "the PostgreSQL sink is off");
            assertEquals(List.of(), embedded.lines(), "nothing embedded started");
            assertTrue(storage.lines().stream().noneMatch(line -> line.contains("postgres-schema")), storage.lines().toString());
            assertFalse(Files.exists(dataDir.resolve("postgres")), "no PostgreSQL data folder");
        } finally {
            TempDirs.delete(dataDir);
        }
    }

    /**
     * README's command, the list in CAMEL_MAIN_ROUTES_INCLUDE_PATTERN: Camel 4.17 alone would start
     * only these files' routes but build every file's beans (the query catalog said so in the log).
     */
    @Test
    void readmesEnvironmentVariableBuildsOnlyTheListedFiles() throws Exception {
        Events.send(servers.kafkaBootstrap(), props.get("tickflow.topics.trades"), "binance:BTC-USDT", List.of(Events.trade(1)));
        Map<String, String> properties = new HashMap<>(props);
        properties.remove(RouteFilesSetting.PROPERTY);
        properties.put("tickflow.http.port", String.valueOf(Ports.free()));
        List<String> command = ChildJvm.tickflow("512m", properties);
        Path log = Files.createTempFile("tickflow-sink-only", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CAMEL_MAIN_ROUTES_INCLUDE_PATTERN", SinkOnlyRoutes.README);
        Process process = builder.start();
        try {
            Await.until(ofSeconds(60), "the trade in QuestDB", () ->
                    StoredTicks.count(servers.questdbConnection(), props.get("tickflow.sink.questdb.trades-table")) == 1);
        } finally {
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
        }
        String output;
        try {
            output = Files.readString(log);
        } finally {
            Files.delete(log);
        }
        assertTrue(output.contains("Started kafka-to-questdb"), output);
        assertFalse(output.contains("named queries"), "the query catalog was built: " + output);
    }

    /** The names of the beans declared in Tickflow's route and REST files that are not in the list. */
    private static List<String> beansOfOtherFiles() throws IOException {
        List<String> listed = List.of(SinkOnlyRoutes.README.replace("classpath:", "").split(","));
        List<String> names = new ArrayList<>();
        for (String folder : List.of("routes", "rest")) {
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList()) {
                    if (!listed.contains(folder + "/" + file.getFileName())) {
                        names.addAll(beanNames(Files.readString(file)));
                    }
                }
            }
        }
        assertTrue(names.contains("queryCatalog") && names.contains("webhookDispatcher"), "bean names found: " + names);
        return names;
    }

    private static List<String> beanNames(String yaml) {
        List<String> names = new ArrayList<>();
        for (Object entry : (List<?>) new Load(LoadSettings.builder().build()).loadFromString(yaml)) {
            if (entry instanceof Map<?, ?> map && map.get("beans") instanceof List<?> beans) {
                beans.forEach(bean -> names.add((String) ((Map<?, ?>) bean).get("name")));
            }
        }
        return names;
    }
}
