package io.tickflow.simulator;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.StoredTicks;
import org.apache.camel.spi.RouteController;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tickflow.testing.Metrics.scrape;
import static io.tickflow.testing.Metrics.value;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator's steps on the real Kafka at rates where they take longer than the period:
 * they never overlap, each is one batch acknowledged together, and each ticker's ticks stay
 * in time order. The sinks and the other consumers are off: only the simulator's pace is tested.
 */
class SimulatorPacingIT {

    private static final String SIMULATOR_ROUTE = "ticker-simulator-to-kafka";

    private final SharedServers servers = SharedServers.get();
    private Map<String, String> props;

    @BeforeEach
    void isolate() {
        props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.sink.questdb.enabled", "false");
        props.put("tickflow.sink.postgres.enabled", "false");
        props.put("tickflow.simulator.seed", "7");
    }

    @AfterEach
    void cleanUp() throws Exception {
        servers.dropIsolated(props);
    }

    @Test
    void stepsNeverOverlapAndAnOverrunDelaysTheNextStepAndIsCounted() throws Exception {
        // 2000 tickers cannot be sent and acknowledged in 1 ms: every step overruns
        Run run = run(2000, 1, 20_000);
        List<List<ConsumerRecord<String, String>>> steps = run.steps();
        String metrics = run.metrics();

        for (int i = 1; i < steps.size(); i++) {
            Instant start = stepTime(steps.get(i));
            long previousSent = steps.get(i - 1).stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow();
            assertTrue(start.truncatedTo(ChronoUnit.MILLIS).toEpochMilli() >= previousSent,
                    "step " + i + " at " + start + " started while step " + (i - 1) + " was still sending (until "
                            + Instant.ofEpochMilli(previousSent) + ")");
        }
        steps.forEach(step -> assertEquals(2000, step.size(), "step at " + stepTime(step) + " is complete"));
        assertEquals(steps.size(), value(metrics, "tickflow_simulator_step_seconds_count"), "every step is timed: " + metrics);
        double overruns = value(metrics, "tickflow_simulator_step_overruns_total");
        assertTrue(overruns >= 1 && overruns <= steps.size(), "overruns counted: " + overruns + " of " + steps.size());
        assertTrue(value(metrics, "tickflow_simulator_step_seconds_max") > 0.001, metrics);
    }

    @Test
    void aStepsTicksAreSentAsOneBatchAndAcknowledgedTogether() throws Exception {
        // slow enough that ticks sent one by one, each waiting for its acknowledgement, also keep up
        Run run = run(200, 500, 1_200);

        run.steps().forEach(step -> assertEquals(200, step.size(), "step at " + stepTime(step) + " is complete"));
        // one produce request per tick (each awaiting its own acknowledgement) would make this about 1
        assertTrue(run.sentRecords() / run.sentRequests() >= 10,
                run.sentRecords() + " ticks went to Kafka in " + run.sentRequests() + " requests");
    }

    @Test
    void ticksOfOneTickerAreInTimeOrderOnKafka() throws Exception {
        run(500, 50, 15_000);

        Map<String, Instant> newest = new HashMap<>();
        int outOfOrder = 0;
        String first = null;
        // one ticker's ticks share a partition (keyed by name): its offset order is the order on Kafka
        for (ConsumerRecord<String, String> record : StoredTicks.recordsInTopic(servers.kafkaBootstrap(), topic())) {
            Tick tick = Tick.parse(record.value());
            Instant before = newest.put(tick.name(), tick.time());
            if (before != null && !tick.time().isAfter(before)) {
                outOfOrder++;
                first = first == null ? tick + " after " + before + " at offset " + record.offset() : first;
            }
        }
        assertEquals(500, newest.size());
        assertEquals(0, outOfOrder, "ticks out of time order, the first: " + first);
    }

    /**
     * What a run left: the steps on Kafka by time, /metrics once the simulator stopped, and the
     * records and requests its Kafka producer sent.
     */
    private record Run(List<List<ConsumerRecord<String, String>>> steps, String metrics, double sentRecords,
            double sentRequests) {
    }

    /** Runs the simulator until Kafka holds the given number of ticks, then stops it. */
    private Run run(int tickers, int periodMs, long ticks) throws Exception {
        props.put("tickflow.simulator.count", String.valueOf(tickers));
        props.put("tickflow.simulator.period-ms", String.valueOf(periodMs));
        String metrics;
        double records;
        double requests;
        try (RunningTickflow app = RunningTickflow.start(props)) {
            RouteController routes = app.camelContext().getRouteController();
            routes.stopRoute("events-kafka-to-webhook-queue");
            routes.stopRoute("events-kafka-to-stream-clients");
            Await.until(ofSeconds(90), ticks + " ticks on Kafka",
                    () -> StoredTicks.countInTopic(servers.kafkaBootstrap(), topic()) >= ticks);
            // read while the route runs: stopping it closes its Kafka producer and the producer's metrics
            records = producerMetric("record-send-total");
            requests = producerMetric("request-total");
            routes.stopRoute(SIMULATOR_ROUTE);
            metrics = scrape(app);
        }
        Map<Instant, List<ConsumerRecord<String, String>>> byTime = new TreeMap<>();
        for (ConsumerRecord<String, String> record : StoredTicks.recordsInTopic(servers.kafkaBootstrap(), topic())) {
            byTime.computeIfAbsent(Tick.parse(record.value()).time(), t -> new ArrayList<>()).add(record);
        }
        return new Run(new ArrayList<>(byTime.values()), metrics, records, requests);
    }

    private static Instant stepTime(List<ConsumerRecord<String, String>> step) {
        return Tick.parse(step.get(0).value()).time();
    }

    /** A metric of the Kafka producer that writes the simulator's topic (the Kafka client's own, over JMX). */
    private double producerMetric(String name) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> writers = server.queryNames(
                new ObjectName("kafka.producer:type=producer-topic-metrics,client-id=*,topic=" + topic()), null);
        assertEquals(1, writers.size(), "one producer wrote " + topic() + ": "
                + server.queryNames(new ObjectName("kafka.producer:*"), null));
        String clientId = writers.iterator().next().getKeyProperty("client-id");
        return (Double) server.getAttribute(
                new ObjectName("kafka.producer:type=producer-metrics,client-id=" + clientId), name);
    }

    private String topic() {
        return props.get("tickflow.simulator.topic");
    }
}
