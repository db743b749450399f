package io.tickflow.feed;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * A BitMEX frame whose data[] mixes known and unknown symbols (exchanges/synthetic/bitmex_mixed_rows.jsonl,
 * written for this test from the recorded frames' shape): the good rows are stored, and each bad
 * row is its own dead letter holding that row and its reason.
 */
class MixedRowsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SharedServers servers = SharedServers.get();
    private Map<String, String> props;
    private ReplayServer exchange;

    @BeforeEach
    void start() throws Exception {
        exchange = ReplayServer.start(Map.of("trade:", "synthetic/bitmex_mixed_rows.jsonl"));
        props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.feeds", "bitmex-trade");
        props.put("tickflow.feed.bitmex.url", exchange.url("/realtime"));
        props.put("tickflow.feed.bitmex.symbols", "XBTUSD,FOOBAR");
    }

    @AfterEach
    void stop() throws Exception {
        exchange.close();
        servers.dropIsolated(props);
    }

    @Test
    void theKnownRowsAreStoredAndEachBadRowIsItsOwnDeadLetter() throws Exception {
        try (RunningTickflow app = RunningTickflow.start(props)) {
            Await.until(ofSeconds(60), "3 trades stored in PostgreSQL and 3 dead letters",
                    () -> storedTrades() == 3 && read("deadletter").size() == 3);
        }
        List<String> tradeIds = read("trades").stream().map(t -> t.value().get("tradeId").asText()).toList();
        assertEquals(List.of("a36d1fb8-ff0c-d428-cde7-d166a181c1d2", "00000000-0000-0000-0000-000000000002",
                "00000000-0000-0000-0000-000000000004"), tradeIds, "the good rows, in order");
        List<String> reasons = new ArrayList<>();
        List<String> payloadIds = new ArrayList<>();
        for (Keyed dead : read("deadletter")) {
            assertEquals("bitmex-trade", dead.value().get("source").asText());
            reasons.add(dead.value().get("reason").asText());
            payloadIds.add(JSON.readTree(dead.value().get("payload").asText()).get("trdMatchID").asText());
        }
        assertEquals(List.of("unknown symbol FOOBAR", "unknown side Middle", "unknown symbol QQQ"), reasons);
        assertEquals(List.of("00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000003",
                "00000000-0000-0000-0000-000000000005"), payloadIds, "each dead letter holds its own row");
        assertEquals(0, storedTrades("FOOBAR"));
    }

    private long storedTrades() throws Exception {
        return count("SELECT count(*) FROM " + props.get("tickflow.sink.postgres.trades-table"));
    }

    private long storedTrades(String rawSymbolPart) throws Exception {
        return count("SELECT count(*) FROM " + props.get("tickflow.sink.postgres.trades-table") + " WHERE symbol LIKE '%"
                + rawSymbolPart + "%'");
    }

    private long count(String sql) throws Exception {
        try (Connection c = servers.postgresConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<Keyed> read(String topic) throws Exception {
        return TopicRecords.read(servers.kafkaBootstrap(), props.get("tickflow.topics." + topic));
    }
}
