package io.tickflow.simulator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tickflow.event.EventTime;
import io.tickflow.testing.Await;
import io.tickflow.testing.Events;
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
class TickerPipelineIT {

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

    @Test
    void restartResumesEachTickerFromItsNewestTickByTimeOnKafkaOrInPostgres() throws Exception {
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.simulator.count", "3");
        Instant t = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
        try (RunningTickflow app = RunningTickflow.start(props)) {
            // on Kafka, ticker_00's newest tick comes before an older one, as overlapping steps left them
            Events.send(servers.kafkaBootstrap(), topic(), "ticker_00",
                    List.of(tick("ticker_00", 7, t.plusSeconds(2)), tick("ticker_00", 3, t.plusSeconds(1))));
            Events.send(servers.kafkaBootstrap(), topic(), "ticker_01", List.of(tick("ticker_01", -4, t.plusSeconds(1))));
            Events.send(servers.kafkaBootstrap(), topic(), "ticker_02", List.of(tick("ticker_02", 5, t.plusSeconds(3))));
            // PostgreSQL holds a newer tick of ticker_01 than Kafka's tail, and an older one of ticker_02
            try (Connection c = servers.postgresConnection();
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO " + postgresTable() + " (name, time, value) VALUES (?, ?, ?)")) {
                insert(insert, "ticker_01", 12, t.plusSeconds(3));
                insert(insert, "ticker_02", 20, t.plusSeconds(1));
            }
            app.camelContext().getRouteController().startRoute(SIMULATOR_ROUTE);
            Await.until(ofSeconds(60), "a step of the simulator", () ->
                    StoredTicks.inTopic(servers.kafkaBootstrap(), topic()).size() >= 4 + 3);
        }
        Map<String, Long> newest = Map.of("ticker_00", 7L, "ticker_01", 12L, "ticker_02", 5L);
        Map<String, List<Tick>> simulated = byName(StoredTicks.inTopic(servers.kafkaBootstrap(), topic()).stream()
                .filter(tick -> tick.time().isAfter(t.plusSeconds(3))).toList());
        newest.forEach((name, value) -> {
            long resumed = simulated.get(name).get(0).value();
            assertEquals(1, Math.abs(resumed - value), name + " resumes from its newest tick " + value + ", got " + resumed);
        });
    }

    private static String tick(String name, long value, Instant time) {
        return "{\"name\":\"" + name + "\",\"value\":" + value + ",\"time\":\"" + EventTime.format(time) + "\"}";
    }

    private static void insert(PreparedStatement insert, String name, long value, Instant time) throws Exception {
        insert.setString(1, name);
        insert.setTimestamp(2, Timestamp.from(time));
        insert.setLong(3, value);
        insert.executeUpdate();
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
