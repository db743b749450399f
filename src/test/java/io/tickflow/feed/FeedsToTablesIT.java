package io.tickflow.feed;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tickflow.feed.TopicRecords.Keyed;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole pipeline on recorded exchange data: replayed feeds -> normalized events on Kafka ->
 * QuestDB and PostgreSQL. Every event the feeds publish is stored (one row per natural key) and
 * the sinks dead-letter nothing: the connectors and the sinks agree on the event contract.
 */
class FeedsToTablesIT {

    private final SharedServers servers = SharedServers.get();
    private RecordedExchanges exchanges;
    private Map<String, String> props;

    @BeforeEach
    void start() throws Exception {
        exchanges = new RecordedExchanges();
        props = new HashMap<>(servers.isolatedProperties());
        exchanges.configure(props);
    }

    @AfterEach
    void stop() throws Exception {
        exchanges.close();
        servers.dropIsolated(props);
    }

    @Test
    void everyPublishedEventIsStoredAndNothingIsDeadLetteredBySinks() throws Exception {
        try (RunningTickflow app = RunningTickflow.start(props)) {
            Await.until(ofSeconds(90), "the feeds' trades, quotes and candles in both databases", () -> {
                List<Keyed> trades = read("trades");
                List<Keyed> quotes = read("quotes");
                List<Keyed> candles = read("candles");
                return !trades.isEmpty() && !quotes.isEmpty() && !candles.isEmpty()
                        && count(true, "trades") == distinct(trades, "ts", "exchange", "symbol", "tradeId")
                        && count(false, "trades") == distinct(trades, "exchange", "symbol", "tradeId")
                        && count(true, "quotes") == distinct(quotes, "ts", "exchange", "symbol")
                        && count(false, "current-price") == distinct(quotes, "exchange", "symbol")
                        && count(true, "candles") == distinct(candles, "ts", "exchange", "symbol", "interval");
            });
        }
        List<String> sinkDeadLetters = read("deadletter").stream().map(k -> k.value().path("source").asText())
                .filter(source -> source.endsWith("-sink")).toList();
        assertEquals(List.of(), sinkDeadLetters, "events the sinks could not store");
    }

    private List<Keyed> read(String topic) throws Exception {
        return TopicRecords.read(servers.kafkaBootstrap(), props.get("tickflow.topics." + topic));
    }

    private static long distinct(List<Keyed> events, String... fields) {
        return events.stream().map(e -> java.util.Arrays.stream(fields).map(f -> e.value().path(f).asText()).toList())
                .distinct().count();
    }

    private long count(boolean questdb, String table) throws Exception {
        String name = props.get("tickflow.sink." + (questdb ? "questdb." : "postgres.") + table + "-table");
        try (Connection c = questdb ? servers.questdbConnection() : servers.postgresConnection();
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + name)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
