package io.tickflow.query;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.tickflow.query.ApiResponses.query;
import static io.tickflow.query.ApiResponses.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped PostgreSQL queries against a known trade history and known prices. */
class PostgresQueriesIT {

    private static final SharedServers SERVERS = SharedServers.get();

    private static Map<String, String> props;
    private static RunningTickflow app;
    private static KnownTrades known;

    @BeforeAll
    static void startWithKnownTrades() throws Exception {
        props = new HashMap<>(SERVERS.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        props.put("tickflow.stats.check-period-ms", "500");
        app = RunningTickflow.start(props);
        known = new KnownTrades(Instant.now());
        known.insertInto(SERVERS.postgresConnection(), props.get("tickflow.sink.postgres.trades-table"));
        try (Connection c = SERVERS.postgresConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + props.get("tickflow.sink.postgres.current-price-table")
                    + " (exchange, symbol, bid_price, bid_size, ask_price, ask_size, updated_at) VALUES"
                    + " ('binance', 'BTC-USDT', 97000.10, 1.5, 97000.30, 2.25, '2026-11-25T10:00:00.123456Z'),"
                    + " ('kraken', 'BTC-USDT', 96999.5, 0.5, 97001.5, 0.75, '2026-11-25T10:00:01Z'),"
                    + " ('binance', 'ETH-USDT', 3000, 10, 3001, 11, '2026-11-25T10:00:02Z')");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        SERVERS.dropIsolated(props);
    }

    /** The named queries' own series: each request timed by query and status, an unknown name as "unknown". */
    @Test
    void eachRequestIsTimedByQueryAndStatus() throws Exception {
        assertEquals(200, app.get(ApiResponses.path("current_price", "symbol", "BTC-USDT")).statusCode());
        assertEquals(400, app.get(ApiResponses.path("current_price")).statusCode());
        assertEquals(404, app.get(ApiResponses.path("no_such_query")).statusCode());
        String metrics = app.get("/metrics").body();
        for (String series : List.of("query=\"current_price\",status=\"200\"", "query=\"current_price\",status=\"400\"",
                "query=\"unknown\",status=\"404\"")) {
            assertTrue(metrics.lines().anyMatch(line -> line.startsWith("tickflow_query_requests_seconds_count{")
                    && line.contains(series) && !line.endsWith(" 0.0")), series + " in " + metrics);
        }
        assertTrue(metrics.contains("# HELP tickflow_query_requests_seconds "), metrics);
    }

    @Test
    void transactionsCountAndVolumeOfTheLast6Hours() throws Exception {
        List<KnownTrades.Trade> last6Hours = known.since(Instant.now().minus(Duration.ofHours(6)));
        assertEquals(KnownTrades.perSymbol(last6Hours, true, false), rows(query(app, "transactions_count_last_6_hours")));
        assertEquals(KnownTrades.perSymbol(last6Hours, false, true), rows(query(app, "trade_volume_last_6_hours")));
    }

    @Test
    void transactionsInTheLastNMinutesOfOneSymbol() throws Exception {
        List<KnownTrades.Trade> btc = known.since(Instant.now().minus(Duration.ofMinutes(45))).stream()
                .filter(t -> t.symbol().equals("BTC-USDT")).toList();
        assertTrue(btc.size() >= 2, "the data has BTC trades in the window");
        assertEquals(List.of(List.of(String.valueOf(btc.size()), KnownTrades.plain(KnownTrades.sum(btc)))),
                rows(query(app, "transactions_in_last_n_min", "symbol", "BTC-USDT", "n_minutes", "45")));
        assertEquals(List.of(List.of("0", "0")), rows(query(app, "transactions_in_last_n_min", "symbol", "NONE-USDT")));
    }

    @Test
    void topNHighestVolumes() throws Exception {
        assertEquals(known.topByVolume(2), rows(query(app, "top_n_highest_volumes", "top_n", "2")));
        assertEquals(known.topByVolume(3), rows(query(app, "top_n_highest_volumes", "window", "1d")));
    }

    @Test
    void currentPriceOfASymbolOnEachExchange() throws Exception {
        JsonNode body = query(app, "current_price", "symbol", "BTC-USDT");
        assertEquals(List.of(
                List.of("binance", "BTC-USDT", "97000.1", "1.5", "97000.3", "2.25", "97000.2", "2026-11-25T10:00:00.123456Z"),
                List.of("kraken", "BTC-USDT", "96999.5", "0.5", "97001.5", "0.75", "97000.5", "2026-11-25T10:00:01.000000Z")),
                rows(body));
        assertEquals("bid_price", body.at("/columns/2/name").asText());
        assertEquals("number", body.at("/columns/2/type").asText());
        assertEquals("timestamp", body.at("/columns/7/type").asText());
        assertTrue(body.get("timeMs").asDouble() > 0);
        assertEquals(false, body.get("truncated").asBoolean());
    }

    @Test
    void currentPricesOfEverySymbolWithTheSpread() throws Exception {
        List<List<String>> rows = rows(query(app, "current_prices"));
        assertEquals(List.of("binance", "BTC-USDT", "97000.1", "1.5", "97000.3", "2.25", "0.2", "97000.2",
                "2026-11-25T10:00:00.123456Z"), rows.get(0));
        assertEquals(List.of("kraken", "BTC-USDT", "96999.5", "0.5", "97001.5", "0.75", "2", "97000.5",
                "2026-11-25T10:00:01.000000Z"), rows.get(1));
        assertTrue(rows.stream().anyMatch(r -> r.get(1).equals("ETH-USDT")), "every symbol: " + rows);
    }

    @Test
    void hourlyStatisticsOfTheLast12CompletedHours() throws Exception {
        Await.until(Duration.ofSeconds(30), "the hourly statistics job to write the known hours",
                () -> known.hourlyLast12Hours(Instant.now()).equals(rows(query(app, "hourly_stats_last_12_hours"))));
        assertTrue(known.hourlyLast12Hours(Instant.now()).size() >= 12, "the data covers every hour");
    }

    @Test
    void latestTimestampOfEachPostgresTable() throws Exception {
        Await.until(Duration.ofSeconds(30), "statistics written", () -> !rows(query(app, "hourly_stats_last_12_hours")).isEmpty());
        List<List<String>> rows = rows(query(app, "latest_timestamp_postgres"));
        assertEquals(List.of("historical_trades", "2026-11-25T10:00:02.000000Z"),
                List.of(rows.get(0).get(0), rows.get(1).get(1)));
        assertEquals(io.tickflow.event.EventTime.format(known.trades.get(0).time()), rows.get(0).get(1));
        assertEquals(java.util.Arrays.asList("records", null), rows.get(2));
        assertEquals("symbol_stats_last_hour", rows.get(3).get(0));
    }

    @Test
    void limitCutsTheRowsAndSaysSo() throws Exception {
        JsonNode body = query(app, "current_price", "symbol", "BTC-USDT", "limit", "1");
        assertEquals(1, body.get("count").asInt());
        assertTrue(body.get("truncated").asBoolean());
        assertEquals("binance", rows(body).get(0).get(0));
    }

    @Test
    void csvFormat() throws Exception {
        var response = app.get(ApiResponses.path("current_price", "symbol", "ETH-USDT", "format", "csv"));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertEquals("exchange,symbol,bid_price,bid_size,ask_price,ask_size,mid_price,updated_at\r\n"
                + "binance,ETH-USDT,3000,10,3001,11,3000.5,2026-11-25T10:00:02.000000Z\r\n", response.body());
    }
}
