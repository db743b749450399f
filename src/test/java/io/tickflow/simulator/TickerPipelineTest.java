package io.tickflow.simulator;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.StoredTicks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Simulator -> Kafka -> QuestDB and PostgreSQL on the real servers, across a restart. */
class TickerPipelineTest {

    private static final int TICKERS = 5;
    private static final String SIMULATOR_ROUTE = "ticker-simulator-to-kafka";

    private final SharedServers servers = SharedServers.get();
    private Map<String, String> props;

    @BeforeEach
    void isolate() {
        props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.count", String.valueOf(TICKERS));
        props.put("tickflow.simulator.period-ms", "100");
        props.put("tickflow.simulator.seed", "42");
    }

    @AfterEach
    void cleanUp() throws Exception {
        servers.dropIsolated(props);
    }

    @Test
    void everyTickReachesQuestDbAndPostgresExactlyOnceWithWalkValues() throws Exception {
        try (RunningTickflow app = RunningTickflow.start(props)) {
            Await.until(ofSeconds(60), "20 steps in PostgreSQL", () -> postgresCount() >= 20 * TICKERS);
            app.camelContext().getRouteController().stopRoute(SIMULATOR_ROUTE);
            long produced = StoredTicks.inTopic(servers.kafkaBootstrap(), topic()).size();
            Await.until(ofSeconds(60), "both sinks to catch up with " + produced + " ticks",
                    () -> postgresCount() == produced && questdbCount() == produced);
        }
        List<Tick> produced = StoredTicks.inTopic(servers.kafkaBootstrap(), topic());
        List<Tick> inPostgres = StoredTicks.inTable(servers.postgresConnection(), postgresTable());
        List<Tick> inQuestDb = StoredTicks.inTable(servers.questdbConnection(), questdbTable());

        assertEquals(new HashSet<>(produced), new HashSet<>(inPostgres), "PostgreSQL holds exactly the produced ticks");
        assertEquals(new HashSet<>(produced), new HashSet<>(inQuestDb), "QuestDB holds exactly the produced ticks");
        assertEquals(produced.size(), inPostgres.size(), "no duplicates in PostgreSQL");
        assertEquals(produced.size(), inQuestDb.size(), "no duplicates in QuestDB");
        byName(inPostgres).forEach((name, walk) -> assertRandomWalk(name, 0, walk));
    }

    @Test
    void restartResumesTheWalkFromStoredValuesAndLosesNothing() throws Exception {
        try (RunningTickflow first = RunningTickflow.start(props)) {
            Await.until(ofSeconds(60), "15 steps stored", () -> postgresCount() >= 15 * TICKERS);
        }
        List<Tick> beforeRestart = StoredTicks.inTopic(servers.kafkaBootstrap(), topic());
        Map<String, Tick> lastBeforeRestart = lastByName(beforeRestart);
        assertTrue(lastBeforeRestart.values().stream().anyMatch(t -> Math.abs(t.value()) >= 2),
                "some ticker must have walked away from 0 for the resume to be visible: " + lastBeforeRestart);

        try (RunningTickflow second = RunningTickflow.start(props)) {
            Await.until(ofSeconds(60), "5 steps after the restart", () ->
                    StoredTicks.inTopic(servers.kafkaBootstrap(), topic()).size() >= beforeRestart.size() + 5 * TICKERS);
            second.camelContext().getRouteController().stopRoute(SIMULATOR_ROUTE);
            long produced = StoredTicks.inTopic(servers.kafkaBootstrap(), topic()).size();
            Await.until(ofSeconds(60), "PostgreSQL and QuestDB to hold all " + produced + " ticks",
                    () -> postgresCount() == produced && questdbCount() == produced);
        }

        Map<String, List<Tick>> stored = byName(StoredTicks.inTable(servers.postgresConnection(), postgresTable()));
        lastBeforeRestart.forEach((name, last) -> {
            Tick firstAfter = stored.get(name).stream().filter(t -> t.time().isAfter(last.time())).findFirst()
                    .orElseThrow(() -> new AssertionError("no tick of " + name + " after the restart"));
            assertEquals(1, Math.abs(firstAfter.value() - last.value()),
                    name + " resumes from its stored value " + last.value() + ", got " + firstAfter.value());
        });
        stored.forEach((name, walk) -> assertRandomWalk(name, 0, walk));
    }

    /** Each value is one step (+1 or -1) from the one before, starting next to the origin. */
    private static void assertRandomWalk(String name, long origin, List<Tick> walk) {
        long previous = origin;
        Instant previousTime = Instant.MIN;
        for (Tick tick : walk) {
            assertEquals(1, Math.abs(tick.value() - previous), name + " moved by more than 1 at " + tick.time());
            assertTrue(tick.time().isAfter(previousTime), name + " times must increase");
            previous = tick.value();
            previousTime = tick.time();
        }
    }

    private static Map<String, List<Tick>> byName(List<Tick> ticks) {
        return ticks.stream().sorted(Comparator.comparing(Tick::time))
                .collect(Collectors.groupingBy(Tick::name, Collectors.toList()));
    }

    private static Map<String, Tick> lastByName(List<Tick> ticks) {
        return ticks.stream().collect(Collectors.toMap(Tick::name, Function.identity(),
                (a, b) -> a.time().isAfter(b.time()) ? a : b));
    }

    private long postgresCount() throws Exception {
        return StoredTicks.count(servers.postgresConnection(), postgresTable());
    }

    private long questdbCount() throws Exception {
        return StoredTicks.count(servers.questdbConnection(), questdbTable());
    }

    private String topic() {
        return props.get("tickflow.simulator.topic");
    }

    private String postgresTable() {
        return props.get("tickflow.sink.postgres.records-table");
    }

    private String questdbTable() {
        return props.get("tickflow.sink.questdb.tickers-table");
    }
}
