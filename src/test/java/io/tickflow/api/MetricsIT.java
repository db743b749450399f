package io.tickflow.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import io.tickflow.feed.ReplayServer;
import io.tickflow.testing.Await;
import io.tickflow.testing.Events;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.Test;

import static io.tickflow.testing.Metrics.scrape;
import static io.tickflow.testing.Metrics.value;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /metrics serves Prometheus series for the routes, the sinks, the feeds, the dead letters,
 * webhook attempts and consumer lag, and the JVM's and the process's, each with its HELP line. (Webhook attempts by outcome are driven by WebhookDeliveryIT.)
 */
class MetricsIT {

    private static final int RECORDED_TRADES = 91;

    @Test
    void sinkRowsBatchesDeadLettersAndRoutesAreExposed() throws Exception {
        SharedServers servers = SharedServers.get();
        Map<String, String> props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.count", "3");
        props.put("tickflow.simulator.period-ms", "100");
        // the rows counted are the ticker simulator's and the test's own
        props.put("tickflow.market-simulator.enabled", "false");
        try (RunningTickflow app = RunningTickflow.start(props)) {
            Events.send(servers.kafkaBootstrap(), props.get("tickflow.topics.trades"), "binance:BTC-USDT",
                    List.of(Events.trade(1), "{\"type\":\"trade\",\"broken\""));
            Await.until(ofSeconds(60), "rows and a dead letter in the metrics of both sinks", () -> {
                String metrics = scrape(app);
                return value(metrics, "tickflow_sink_rows_total", "sink=\"questdb\"") >= 31
                        && value(metrics, "tickflow_sink_rows_total", "sink=\"postgres\"") >= 31
                        && value(metrics, "tickflow_dead_letters_total", "source=\"questdb-sink\"") == 1
                        && value(metrics, "tickflow_dead_letters_total", "source=\"postgres-sink\"") == 1;
            });
            var response = app.get("/metrics");
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            String metrics = response.body();
            for (String sink : List.of("questdb", "postgres")) {
                String label = "sink=\"" + sink + "\"";
                assertTrue(value(metrics, "tickflow_sink_batch_seconds_count", label) >= 1, metrics);
                assertTrue(value(metrics, "tickflow_sink_batch_seconds_max", label) > 0, metrics);
                // records in: every row plus the dead letter, polled before they were written
                assertTrue(value(metrics, "tickflow_sink_records_total", label)
                        >= value(metrics, "tickflow_sink_rows_total", label) + 1, metrics);
            }
            assertTrue(value(metrics, "camel_exchanges_total", "route_id=\"ticker-simulator-to-kafka\"") >= 10, metrics);
            // the simulator's steps (3 ticks each), and how many took longer than their period
            assertTrue(value(metrics, "tickflow_simulator_step_seconds_count") >= 10, metrics);
            assertTrue(value(metrics, "tickflow_simulator_ticks_total") >= 30, metrics);
            assertTrue(value(metrics, "tickflow_simulator_step_overruns_total") >= 0, metrics);
            for (String outcome : List.of("delivered", "retrying", "failed", "unrecorded")) {
                assertEquals(0, value(metrics, "tickflow_webhook_attempts_total", "outcome=\"" + outcome + "\""), metrics);
            }
            for (String group : List.of(props.get("tickflow.sink.questdb.group-id"), props.get("tickflow.sink.postgres.group-id"))) {
                assertTrue(metrics.contains("tickflow_kafka_consumer_lag{group=\"" + group + "\"}"), metrics);
            }
            assertJvmProcessHelpAndContextLabel(metrics);
        } finally {
            servers.dropIsolated(props);
        }
    }

    /**
     * Micrometer's JVM and process series (heap, GC, threads, classes, CPU, open files, uptime), a
     * HELP line with a description for every series, the context label spelled camel_context, and
     * Prometheus' own linter, {@code promtool check metrics}, finding nothing to say.
     */
    private static void assertJvmProcessHelpAndContextLabel(String metrics) throws Exception {
        for (String series : List.of("jvm_memory_used_bytes", "jvm_memory_max_bytes", "jvm_gc_memory_allocated_bytes_total",
                "jvm_gc_overhead", "jvm_threads_live_threads", "jvm_classes_loaded_classes", "process_cpu_usage",
                "process_files_open_files", "process_files_max_files", "process_uptime_seconds", "system_cpu_cores",
                "process_cpu_time_seconds_total", "jvm_compilation_time_seconds_total")) {
            assertTrue(metrics.lines().anyMatch(line -> line.startsWith(series + " ") || line.startsWith(series + "{")), series);
        }
        List<String> families = metrics.lines().filter(line -> line.startsWith("# TYPE ")).map(line -> line.split(" ")[2]).toList();
        assertTrue(families.size() > 40, families.toString());
        for (String family : families) {
            assertTrue(metrics.lines().anyMatch(line -> line.matches("# HELP " + Pattern.quote(family) + " \\S.*")),
                    "HELP with a description for " + family);
        }
        assertFalse(metrics.contains("camelContext="), "one spelling of the context label, in snake_case");
        assertEquals(1, value(metrics, "app_info", "camel_context=\"tickflow\""), metrics);
        assertPromtoolSaysYes(metrics);
    }

    /** Runs promtool (Debian's prometheus package, installed by .ci/run) on the text: it must exit 0 and say nothing. */
    private static void assertPromtoolSaysYes(String metrics) throws Exception {
        Process promtool;
        try {
            promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is needed (Debian: apt-get install prometheus; .ci/run installs it): " + e.getMessage(), e);
        }
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(metrics.getBytes(StandardCharsets.UTF_8));
        }
        String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(30, TimeUnit.SECONDS), "promtool to finish");
        assertEquals("", said.strip(), "promtool check metrics");
        assertEquals(0, promtool.exitValue(), said);
    }

    @Test
    void consumerLagGrowsWhileASinkIsStoppedAndReturnsToZero() throws Exception {
        SharedServers servers = SharedServers.get();
        Map<String, String> props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        props.put("tickflow.metrics.lag-period-ms", "200");
        String questdbLag = "group=\"" + props.get("tickflow.sink.questdb.group-id") + "\"";
        String postgresLag = "group=\"" + props.get("tickflow.sink.postgres.group-id") + "\"";
        String trades = props.get("tickflow.topics.trades");
        try (RunningTickflow app = RunningTickflow.start(props)) {
            Events.send(servers.kafkaBootstrap(), trades, "binance:BTC-USDT", List.of(Events.trade(0)));
            Await.until(ofSeconds(60), "the first trade stored and committed by both sinks", () -> {
                String metrics = scrape(app);
                return value(metrics, "tickflow_sink_rows_total", "sink=\"questdb\"") == 1
                        && value(metrics, "tickflow_sink_rows_total", "sink=\"postgres\"") == 1
                        && value(metrics, "tickflow_kafka_consumer_lag", questdbLag) == 0
                        && value(metrics, "tickflow_kafka_consumer_lag", postgresLag) == 0;
            });

            app.camelContext().getRouteController().stopRoute("kafka-to-questdb");
            Events.send(servers.kafkaBootstrap(), trades, "binance:BTC-USDT",
                    LongStream.rangeClosed(1, 50).mapToObj(Events::trade).toList());
            Await.until(ofSeconds(30), "the stopped sink 50 records behind, the running one caught up", () -> {
                String metrics = scrape(app);
                return value(metrics, "tickflow_kafka_consumer_lag", questdbLag) == 50
                        && value(metrics, "tickflow_sink_rows_total", "sink=\"postgres\"") == 51
                        && value(metrics, "tickflow_kafka_consumer_lag", postgresLag) == 0;
            });

            app.camelContext().getRouteController().startRoute("kafka-to-questdb");
            Await.until(ofSeconds(60), "the restarted sink caught up", () -> {
                String metrics = scrape(app);
                return value(metrics, "tickflow_kafka_consumer_lag", questdbLag) == 0
                        && value(metrics, "tickflow_sink_rows_total", "sink=\"questdb\"") == 51;
            });
        } finally {
            servers.dropIsolated(props);
        }
    }

    @Test
    void feedFramesEventsReconnectsAndGapsAreCountedPerFeed() throws Exception {
        SharedServers servers = SharedServers.get();
        Map<String, String> props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.feeds", "binance-usdm-aggtrade");
        props.put("tickflow.feed.backoff-initial-ms", "100");
        props.put("tickflow.feed.backoff-max-ms", "1000");
        String feed = "feed=\"binance-usdm-aggtrade\"";
        try (ReplayServer exchange = ReplayServer.start(Map.of("@aggTrade", "binance_usdm_aggTrade.jsonl"))) {
            props.put("tickflow.feed.binance-usdm.market-url", exchange.url("/market/stream"));
            try (RunningTickflow app = RunningTickflow.start(props)) {
                Await.until(ofSeconds(60), "the recorded trades counted", () ->
                        value(scrape(app), "tickflow_feed_events_total", feed, "type=\"trade\"") == RECORDED_TRADES);
                String metrics = scrape(app);
                assertTrue(value(metrics, "tickflow_feed_frames_total", feed) >= RECORDED_TRADES, metrics);
                assertEquals(0, value(metrics, "tickflow_feed_reconnects_total", feed), metrics);
                assertEquals(-1, value(metrics, "tickflow_feed_gaps_total", feed), "no gap yet: " + metrics);

                exchange.dropConnections();
                Await.until(ofSeconds(30), "the reconnect, the replay after it and the gap", () -> {
                    String after = scrape(app);
                    return value(after, "tickflow_feed_reconnects_total", feed) == 1
                            && value(after, "tickflow_feed_events_total", feed, "type=\"trade\"") == 2 * RECORDED_TRADES
                            && value(after, "tickflow_feed_gaps_total", feed) == 1
                            && value(after, "tickflow_feed_events_total", feed, "type=\"gap\"") == 1;
                });
                assertTrue(value(scrape(app), "tickflow_feed_frames_total", feed) >= 2 * RECORDED_TRADES);
                // the feed's series, gaps included, have their HELP too
                assertJvmProcessHelpAndContextLabel(scrape(app));
            }
        } finally {
            servers.dropIsolated(props);
        }
    }
}
