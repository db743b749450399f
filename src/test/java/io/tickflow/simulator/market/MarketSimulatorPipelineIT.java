package io.tickflow.simulator.market;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.feed.TopicRecords;
import io.tickflow.feed.TopicRecords.Keyed;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tickflow.testing.Metrics.scrape;
import static io.tickflow.testing.Metrics.value;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The market simulator on Tickflow's defaults (no exchange feed): its trades, quotes,
 * liquidations and candles reach Kafka as the feeds' events, both databases store each exactly
 * once with its exact values, candle updates replace each other, the sinks dead-letter nothing,
 * and the feed metrics count it as feed market-simulator.
 */
class MarketSimulatorPipelineIT {

    private static final String ROUTE = "market-simulator-to-kafka";
    private static final Set<String> SYMBOLS = Set.of("BTC-USDT", "ETH-USDT", "SOL-USDT", "XRP-USDT", "LINK-USDT");
    /** Not the default, to see the property used; low, so a loaded machine keeps up with it. */
    private static final double TRADES_PER_SECOND = 5;
    private static final Map<String, String> TYPES = Map.of(
            "trades", "trade", "quotes", "quote", "liquidations", "liquidation", "candles", "candle");

    private final SharedServers servers = SharedServers.get();
    private Map<String, String> props;

    @BeforeEach
    void isolate() {
        props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.seed", "42");
        props.put("tickflow.market-simulator.trades-per-second", String.valueOf(TRADES_PER_SECOND));
        // one a second, so the test sees some soon
        props.put("tickflow.market-simulator.liquidations-per-minute", "60");
    }

    @AfterEach
    void cleanUp() throws Exception {
        servers.dropIsolated(props);
    }

    @Test
    void everyEventTypeReachesKafkaAndBothDatabasesAsFeedsEventsDo() throws Exception {
        try (RunningTickflow app = RunningTickflow.start(props)) {
            assertTrue(app.camelContext().getRouteController().getRouteStatus(ROUTE).isStarted(), "runs when no feed is configured");
            Await.until(ofSeconds(90), "100 trades, a liquidation and every symbol's price stored", () ->
                    count(false, "trades") >= 100 && count(true, "liquidations") >= 1 && count(false, "current-price") == SYMBOLS.size());
            app.camelContext().getRouteController().stopRoute(ROUTE);
            Map<String, Integer> published = new HashMap<>();
            for (String topic : TYPES.keySet()) {
                published.put(topic, read(topic).size());
            }
            String metrics = scrape(app);
            published.forEach((topic, records) -> assertEquals(records, value(metrics, "tickflow_feed_events_total",
                    "feed=\"market-simulator\"", "type=\"" + TYPES.get(topic) + "\""), 0, "counted " + topic + ": " + metrics));
            List<Keyed> trades = read("trades");
            List<Keyed> quotes = read("quotes");
            List<Keyed> liquidations = read("liquidations");
            List<Keyed> candles = read("candles");
            Await.until(ofSeconds(60), "both sinks to store every event once", () ->
                    count(true, "trades") == trades.size() && count(false, "trades") == trades.size()
                            && count(true, "quotes") == quotes.size() && count(true, "liquidations") == liquidations.size()
                            && count(true, "candles") == lastByKey(candles).size());
        }
        List<Keyed> trades = read("trades");
        assertEquals(List.of(), read("deadletter"), "nothing dead-lettered");
        for (String topic : TYPES.keySet()) {
            for (Keyed event : read(topic)) {
                assertEquals("simulator:" + event.value().get("symbol").asText(), event.key());
                assertEquals("simulator", event.value().get("exchange").asText());
                assertTrue(SYMBOLS.contains(event.value().get("symbol").asText()), event.toString());
            }
        }
        assertEquals(tradesOf(trades), tradesInPostgres(), "PostgreSQL holds every trade with its exact price and amount");
        assertEquals(lastByKey(read("candles")), candlesInQuestDb(), "each minute's last candle update replaced the others");
        assertCurrentPrices();
        List<Instant> times = trades.stream().map(t -> Instant.parse(t.value().get("ts").asText())).sorted().toList();
        double rate = (times.size() - 1) / (Duration.between(times.get(0), times.get(times.size() - 1)).toMillis() / 1000.0);
        assertTrue(rate > TRADES_PER_SECOND * 0.6 && rate < TRADES_PER_SECOND * 1.4, rate + " trades a second, configured " + TRADES_PER_SECOND);
    }

    private void assertCurrentPrices() throws Exception {
        Set<String> symbols = new HashSet<>();
        try (Connection c = servers.postgresConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT symbol, bid_price, ask_price FROM " + table(false, "current-price")
                        + " WHERE exchange = 'simulator'")) {
            while (rs.next()) {
                symbols.add(rs.getString(1));
                assertTrue(rs.getBigDecimal(2).compareTo(rs.getBigDecimal(3)) < 0, "bid below ask for " + rs.getString(1));
            }
        }
        assertEquals(SYMBOLS, symbols);
    }

    /** Trade id -> symbol, side, exact price and amount. */
    private static Map<String, List<String>> tradesOf(List<Keyed> trades) {
        Map<String, List<String>> byId = new HashMap<>();
        for (Keyed trade : trades) {
            JsonNode t = trade.value();
            byId.put(t.get("tradeId").asText(), List.of(t.get("symbol").asText(), t.get("side").asText(),
                    t.get("price").asText(), t.get("amount").asText()));
        }
        return byId;
    }

    private Map<String, List<String>> tradesInPostgres() throws Exception {
        Map<String, List<String>> byId = new HashMap<>();
        try (Connection c = servers.postgresConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT trade_id, symbol, side, price, trade_volume FROM " + table(false, "trades"))) {
            while (rs.next()) {
                byId.put(rs.getString(1), List.of(rs.getString(2), rs.getString(3),
                        rs.getBigDecimal(4).toPlainString(), rs.getBigDecimal(5).toPlainString()));
            }
        }
        return byId;
    }

    /**
     * symbol@ts -> the newest update's close, volume and closed flag, decimals without trailing
     * zeros. The records of a key share a partition, read in order, so the last one is the newest.
     */
    private static Map<String, List<String>> lastByKey(List<Keyed> candles) {
        Map<String, List<String>> last = new LinkedHashMap<>();
        for (Keyed candle : candles) {
            JsonNode c = candle.value();
            last.put(c.get("symbol").asText() + "@" + Instant.parse(c.get("ts").asText()), List.of(
                    plain(c.get("close").asText()), plain(c.get("volume").asText()), c.get("closed").asText()));
        }
        return last;
    }

    private Map<String, List<String>> candlesInQuestDb() throws Exception {
        Map<String, List<String>> stored = new HashMap<>();
        try (Connection c = servers.questdbConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT symbol, ts, close, volume, closed FROM " + table(true, "candles"))) {
            while (rs.next()) {
                stored.put(rs.getString(1) + "@" + rs.getTimestamp(2).toInstant(), List.of(
                        plain(rs.getString(3)), plain(rs.getString(4)), String.valueOf(rs.getBoolean(5))));
            }
        }
        return stored;
    }

    private static String plain(String decimal) {
        return new BigDecimal(decimal).stripTrailingZeros().toPlainString();
    }

    private List<Keyed> read(String topic) throws Exception {
        return TopicRecords.read(servers.kafkaBootstrap(), props.get("tickflow.topics." + topic));
    }

    private long count(boolean questdb, String table) throws Exception {
        try (Connection c = questdb ? servers.questdbConnection() : servers.postgresConnection();
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table(questdb, table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String table(boolean questdb, String table) {
        return props.get("tickflow.sink." + (questdb ? "questdb." : "postgres.") + table + "-table");
    }
}
