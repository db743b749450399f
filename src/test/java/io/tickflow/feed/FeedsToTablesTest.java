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
class FeedsToTablesTest {

    private final SharedServers servers = SharedServers.get();
    private final Map<String, ReplayServer> exchanges = new HashMap<>();
    private Map<String, String> props;

    @BeforeEach
    void start() throws Exception {
        exchanges.put("binance", ReplayServer.start(Map.of("@aggTrade", "binance_spot_aggTrade.jsonl",
                "@kline_1m", "binance_spot_kline.jsonl", "@bookTicker", "binance_spot_bookTicker.jsonl")));
        exchanges.put("bitmex", ReplayServer.start(Map.of("trade:", "bitmex_trade.jsonl", "quote:", "bitmex_quote.jsonl")));
        exchanges.put("coinbase", ReplayServer.start(Map.of("\"matches\"", "coinbase_matches.jsonl", "\"ticker\"", "coinbase_ticker.jsonl")));
        exchanges.put("kraken", ReplayServer.start(Map.of("\"name\":\"trade\"", "kraken_trade.jsonl", "\"name\":\"ticker\"", "kraken_ticker.jsonl")));
        props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.feeds", "binance-spot-aggtrade,binance-spot-kline,binance-spot-bookticker,bitmex-trade,bitmex-quote,"
                + "coinbase-matches,coinbase-ticker,kraken-trade,kraken-ticker");
        exchanges.forEach((name, server) -> props.put("tickflow.feed." + name + ".url", server.url("/")));
    }

    @AfterEach
    void stop() throws Exception {
        for (ReplayServer server : exchanges.values()) {
            server.close();
        }
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
