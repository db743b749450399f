package io.tickflow.query;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tickflow.event.EventTime;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.tickflow.query.ApiResponses.query;
import static io.tickflow.query.ApiResponses.rows;
import static io.tickflow.query.KnownTrades.plain;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shipped QuestDB queries against known trades, liquidations, ticks, quotes and candles. */
class QuestDbQueriesIT {

    private static final SharedServers SERVERS = SharedServers.get();
    /** Liquidations: minutes after BASE, side, price, amount. */
    private static final Object[][] LIQUIDATIONS = {
        {5, "buy", "100", "2"}, {20, "sell", "101", "1.5"}, {70, "buy", "99.5", "0.25"},
        {80, "sell", "98", "4"}, {85, "buy", "97.25", "1"}, {130, "sell", "96", "0.5"}};
    private static final String[] PRICES = {"100", "101.5", "99.25", "100.75", "102", "98.5", "100.1", "100.2", "99.9"};

    private static Instant base;
    private static Map<String, String> props;
    private static RunningTickflow app;

    @BeforeAll
    static void startWithKnownRows() throws Exception {
        props = new HashMap<>(SERVERS.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        app = RunningTickflow.start(props);
        base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        List<String> liquidations = new ArrayList<>();
        for (Object[] l : LIQUIDATIONS) {
            liquidations.add(row(at((int) l[0] * 60), "'" + l[1] + "'", dec((String) l[2]), dec((String) l[3])));
        }
        List<String> trades = new ArrayList<>();
        for (int k = 0; k < PRICES.length; k++) {
            trades.add(row(at(k * 20), "'BTC-USDT'", "'t" + k + "'", dec(PRICES[k]), dec(amount(k).toPlainString()), "'binance'"));
        }
        trades.add(row(at(30), "'ETH-USDT'", "'e1'", dec("3000"), dec("7"), "'binance'"));
        // two exchanges trading BTC-USDT in the same minute, two hours after the trades above
        trades.add(row(at(7200), "'BTC-USDT'", "'k1'", dec("101"), dec("1"), "'kraken'"));
        trades.add(row(at(7210), "'BTC-USDT'", "'b1'", dec("99"), dec("2"), "'binance'"));
        trades.add(row(at(7220), "'BTC-USDT'", "'k2'", dec("103"), dec("0.5"), "'kraken'"));
        insert("liquidations", "ts, side, price, amount", liquidations);
        insert("trades", "ts, symbol, trade_id, price, amount, exchange", trades);
        insert("tickers", "time, name, value", List.of(row(at(0), "'ticker_07'", "1"), row(at(1), "'ticker_07'", "2"),
                row(at(2), "'ticker_07'", "1"), row(at(3), "'ticker_07'", "0"), row(at(4), "'ticker_08'", "5")));
        insert("quotes", "ts, symbol", List.of(row(at(600), "'BTC-USDT'")));
        insert("candles", "ts, symbol", List.of(row(at(60), "'BTC-USDT'")));
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        SERVERS.dropIsolated(props);
    }

    @Test
    void liquidationVolumeBySideInTimeBuckets() throws Exception {
        for (int bucketMinutes : new int[] {60, 30}) {
            Map<String, BigDecimal[]> expected = new TreeMap<>();
            for (Object[] l : LIQUIDATIONS) {
                int bucket = (int) l[0] / bucketMinutes * bucketMinutes;
                BigDecimal[] sums = expected.computeIfAbsent(at(bucket * 60) + " " + l[1],
                        k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
                sums[0] = sums[0].add(BigDecimal.ONE);
                sums[1] = sums[1].add(new BigDecimal((String) l[3]));
                sums[2] = sums[2].add(new BigDecimal((String) l[2]).multiply(new BigDecimal((String) l[3])));
            }
            List<List<String>> rows = new ArrayList<>();
            expected.forEach((key, sums) -> rows.add(List.of(key.split(" ")[0].replace("'", ""), key.split(" ")[1],
                    plain(sums[0]), plain(sums[1]), plain(sums[2]))));
            assertEquals(rows, rows(query(app, "liquidation_volume_by_side", "bucket", bucketMinutes + "m",
                    "from", EventTime.format(base), "to", EventTime.format(base.plus(Duration.ofHours(3))))));
        }
    }

    @Test
    void latestLiquidationsNewestFirst() throws Exception {
        assertEquals(List.of(List.of(time(130 * 60), "sell", "96", "0.5"), List.of(time(85 * 60), "buy", "97.25", "1")),
                rows(query(app, "latest_liquidations", "count", "2")).stream()
                        .map(r -> List.of(r.get(0), r.get(3), r.get(4), r.get(5))).toList());
    }

    @Test
    void ohlcvCandlesFromTrades() throws Exception {
        List<List<String>> expected = new ArrayList<>();
        for (int minute = 0; minute * 3 < PRICES.length; minute++) {
            List<BigDecimal> prices = new ArrayList<>();
            BigDecimal volume = BigDecimal.ZERO;
            for (int k = minute * 3; k < minute * 3 + 3; k++) {
                prices.add(new BigDecimal(PRICES[k]));
                volume = volume.add(amount(k));
            }
            expected.add(List.of(time(minute * 60), plain(prices.get(0)), plain(prices.stream().max(BigDecimal::compareTo).get()),
                    plain(prices.stream().min(BigDecimal::compareTo).get()), plain(prices.get(2)), plain(volume), "3"));
        }
        assertEquals(expected, rows(query(app, "ohlcv_candles", "symbol", "BTC-USDT", "interval", "1m",
                "from", EventTime.format(base), "to", EventTime.format(base.plus(Duration.ofHours(1))))));
    }

    @Test
    void ohlcvCandlesOfOneExchangeOrOfAll() throws Exception {
        String from = EventTime.format(base.plus(Duration.ofHours(2)));
        String to = EventTime.format(base.plus(Duration.ofHours(3)));
        assertEquals(List.of(List.of(time(7200), "101", "103", "101", "103", "1.5", "2")),
                rows(query(app, "ohlcv_candles", "symbol", "BTC-USDT", "exchange", "kraken", "from", from, "to", to)));
        assertEquals(List.of(List.of(time(7200), "101", "103", "99", "103", "3.5", "3")),
                rows(query(app, "ohlcv_candles", "symbol", "BTC-USDT", "from", from, "to", to)));
    }

    @Test
    void tickerHistoryInARange() throws Exception {
        assertEquals(List.of(List.of(time(0), "1"), List.of(time(1), "2"), List.of(time(2), "1")),
                rows(query(app, "ticker_history", "name", "ticker_07", "from", EventTime.format(base), "to", time(3))));
        assertEquals(List.of(), rows(query(app, "ticker_history", "name", "ticker_07' OR '1'='1", "from", "now-7d")));
    }

    @Test
    void latestTimestampOfEachQuestDbTable() throws Exception {
        assertEquals(List.of(List.of("trades", time(7220)), List.of("quotes", time(600)),
                List.of("liquidations", time(130 * 60)), List.of("candles", time(60)), List.of("tickers", time(4))),
                rows(query(app, "latest_timestamp")));
    }

    private static BigDecimal amount(int k) {
        return new BigDecimal("0.1").multiply(BigDecimal.valueOf(k + 1));
    }

    private static String time(int seconds) {
        return EventTime.format(base.plusSeconds(seconds));
    }

    private static String at(int seconds) {
        return "'" + time(seconds) + "'";
    }

    private static String dec(String value) {
        return "cast('" + value + "' AS DECIMAL(38, 18))";
    }

    private static String row(String... values) {
        return "(" + String.join(", ", values) + ")";
    }

    private static void insert(String type, String columns, List<String> rows) throws Exception {
        String table = props.get("tickflow.sink.questdb." + type + "-table");
        try (Connection c = SERVERS.questdbConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + table + " (" + columns + ") VALUES " + String.join(", ", rows));
        }
        Await.until(Duration.ofSeconds(30), type + " rows visible", () -> {
            try (Connection c = SERVERS.questdbConnection(); Statement s = c.createStatement();
                    var rs = s.executeQuery("SELECT count() FROM " + table)) {
                return rs.next() && rs.getLong(1) == rows.size();
            }
        });
    }
}
