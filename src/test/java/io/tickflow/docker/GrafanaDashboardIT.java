package io.tickflow.docker;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The provisioned Grafana dashboard (docker/grafana/dashboards/tickflow.json) against the QuestDB
 * tables Tickflow creates from sql/questdb-schema.sql, filled by its simulators: no Grafana runs
 * here, so each panel's and variable's SQL is expanded as Grafana's PostgreSQL data source expands
 * it (variables at their defaults, $__timeFilter, $__interval_ms) and run on QuestDB, which refuses
 * a table or column the schema lacks; it must return rows shaped for its panel.
 */
class GrafanaDashboardIT {

    private static final SharedServers SERVERS = SharedServers.get();
    private static final Set<Integer> NUMBERS = Set.of(Types.DOUBLE, Types.FLOAT, Types.REAL, Types.BIGINT,
            Types.INTEGER, Types.SMALLINT, Types.NUMERIC, Types.DECIMAL);

    private static Map<String, String> props;
    private static RunningTickflow app;
    private static GrafanaDashboard dashboard;
    private static Map<String, String> tableProperties;

    @BeforeAll
    static void startWithEveryTableFilled() throws Exception {
        dashboard = GrafanaDashboard.read();
        tableProperties = GrafanaDashboard.questDbTables();
        props = new HashMap<>(SERVERS.isolatedProperties());
        props.put("tickflow.simulator.count", "3");
        props.put("tickflow.simulator.period-ms", "200");
        // two a second, so the liquidation panels have rows soon
        props.put("tickflow.market-simulator.liquidations-per-minute", "120");
        app = RunningTickflow.start(props);
        Await.until(ofSeconds(90), "trades, a BTC-USDT candle, a liquidation and ticks in QuestDB", () ->
                count("trades", "symbol = 'BTC-USDT'") >= 20 && count("candles", "symbol = 'BTC-USDT'") >= 1
                        && count("liquidations", "true") >= 1 && count("tickers", "name = 'ticker_00'") >= 3);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        SERVERS.dropIsolated(props);
    }

    @Test
    void everyPanelQueryReturnsRowsShapedForItsPanel() throws Exception {
        List<GrafanaDashboard.Query> queries = dashboard.panelQueries();
        assertEquals(6, queries.size(), "trades (price, amount by side), candles, liquidations (by side, newest), tickers");
        for (GrafanaDashboard.Query query : queries) {
            Rows rows = run(query);
            assertTrue(rows.values.size() > 0, query.owner() + " returned no row: " + rows.sql);
            assertEquals("time", rows.names.get(0), query.owner() + ": Grafana takes the time from a column named time");
            assertTrue(rows.types.get(0) == Types.TIMESTAMP || rows.types.get(0) == Types.TIMESTAMP_WITH_TIMEZONE,
                    query.owner() + ": time is a timestamp");
            if (query.format().equals("time_series")) {
                assertTimeSeries(query, rows);
            }
            if (query.panel().path("type").asText().equals("candlestick")) {
                for (String field : List.of("open", "high", "low", "close", "volume")) {
                    assertTrue(NUMBERS.contains(rows.types.get(rows.names.indexOf(field))), query.owner() + ": " + field + " is a number");
                }
            }
        }
    }

    @Test
    void everyVariableQueryOffersItsDefault() throws Exception {
        for (GrafanaDashboard.Query query : dashboard.variableQueries()) {
            Rows rows = run(query);
            List<String> options = rows.values.stream().map(row -> String.valueOf(row.get(0))).toList();
            String name = query.panel().path("name").asText();
            assertTrue(options.containsAll(dashboard.defaults(name)), query.owner() + " offers " + options
                    + ", not its default " + dashboard.defaults(name));
        }
    }

    /**
     * Grafana turns a time series query's rows into one series per value of its text columns, and
     * needs them in time order; the series are named after the label the panel shows.
     */
    private static void assertTimeSeries(GrafanaDashboard.Query query, Rows rows) {
        List<String> labels = new ArrayList<>();
        int numbers = 0;
        for (int i = 1; i < rows.names.size(); i++) {
            if (rows.types.get(i) == Types.VARCHAR) {
                labels.add(rows.names.get(i));
            } else {
                assertTrue(NUMBERS.contains(rows.types.get(i)), query.owner() + ": " + rows.names.get(i) + " is a number");
                numbers++;
            }
        }
        assertTrue(numbers > 0, query.owner() + " has a value column");
        String displayName = query.panel().path("fieldConfig").path("defaults").path("displayName").asText();
        assertEquals("${__field.labels." + labels.get(0) + "}", displayName, query.owner() + " names its series by its label column");
        for (int i = 1; i < rows.values.size(); i++) {
            Timestamp before = (Timestamp) rows.values.get(i - 1).get(0);
            Timestamp after = (Timestamp) rows.values.get(i).get(0);
            assertTrue(!after.before(before), query.owner() + ": rows in time order");
        }
    }

    private static Rows run(GrafanaDashboard.Query query) throws SQLException {
        Instant now = Instant.now();
        String sql = dashboard.expand(query.sql(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(1)),
                intervalMs(query.panel()));
        String isolated = GrafanaDashboard.withTables(sql, table -> {
            assertTrue(tableProperties.containsKey(table), query.owner() + " reads " + table + ", not a table of the schema");
            return props.get(tableProperties.get(table));
        });
        try (Connection c = SERVERS.questdbConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(isolated)) {
            ResultSetMetaData meta = rs.getMetaData();
            Rows rows = new Rows(sql);
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                rows.names.add(meta.getColumnLabel(i));
                rows.types.add(meta.getColumnType(i));
            }
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.values.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(query.owner() + " fails on QuestDB: " + e.getMessage() + "\n" + sql, e);
        }
    }

    /**
     * The panel's interval: Grafana's own is the time range over the panel's width, but never below
     * the panel's minimum ("interval"); for an hour on a 1,000-pixel panel that is 3.6 s.
     */
    private static long intervalMs(JsonNode panel) {
        long auto = 3600;
        String minimum = panel.path("interval").asText("");
        if (minimum.isEmpty()) {
            return auto;
        }
        long unit = minimum.endsWith("m") ? 60_000 : minimum.endsWith("s") ? 1_000 : 0;
        assertTrue(unit > 0, "an interval in s or m: " + minimum);
        return Math.max(auto, Long.parseLong(minimum.substring(0, minimum.length() - 1)) * unit);
    }

    private static long count(String table, String where) throws SQLException {
        try (Connection c = SERVERS.questdbConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count() FROM " + props.get(tableProperties.get(table)) + " WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private record Rows(String sql, List<String> names, List<Integer> types, List<List<Object>> values) {
        Rows(String sql) {
            this(sql, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }
}
