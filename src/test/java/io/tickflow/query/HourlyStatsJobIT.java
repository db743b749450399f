package io.tickflow.query;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.tickflow.event.EventTime;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hourly statistics job catches up every completed hour since the last one it wrote, never
 * writes the current hour, and re-running it (here every 200 ms) changes nothing but late trades.
 */
class HourlyStatsJobIT {

    private static final SharedServers SERVERS = SharedServers.get();
    /** Hours before the current one that have trades; 40 was the last hour written before "downtime". */
    private static final int[] HOURS_AGO = {45, 40, 30, 12, 5, 1, 0};

    private final List<Object[]> trades = new ArrayList<>();

    @Test
    void catchesUpMissedHoursIdempotently() throws Exception {
        Map<String, String> props = new HashMap<>(SERVERS.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        props.put("tickflow.stats.check-period-ms", "200");
        String stats = props.get("tickflow.sink.postgres.symbol-stats-table");
        String history = props.get("tickflow.sink.postgres.trades-table");
        try (RunningTickflow app = RunningTickflow.start(props)) {
            Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
            for (int ago : HOURS_AGO) {
                Instant start = hour.minus(Duration.ofHours(ago));
                trades.add(new Object[] {"BTC-USDT", start, new BigDecimal("1.5").add(BigDecimal.valueOf(ago))});
                trades.add(new Object[] {"BTC-USDT", start.plus(Duration.ofMinutes(59)), new BigDecimal("0.25")});
                trades.add(new Object[] {"ETH-USDT", start.plus(Duration.ofMinutes(30)), new BigDecimal("10")});
            }
            try (Connection c = SERVERS.postgresConnection()) {
                c.setAutoCommit(false);
                insertTrades(c, history, trades);
                try (Statement s = c.createStatement()) {
                    // written before the downtime, with numbers the job will correct
                    s.execute("INSERT INTO " + stats + " VALUES ('BTC-USDT', '" + EventTime.format(hour.minus(Duration.ofHours(40)))
                            + "', 99, 99)");
                }
                c.commit();
            }
            Await.until(Duration.ofSeconds(30), "hours 40 to 1 written", () -> expected().equals(stored(stats)));

            // a late trade in the last hour written is counted on the next run; nothing is counted twice
            Instant late = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofMinutes(30));
            List<Object[]> lateTrade = List.<Object[]>of(new Object[] {"SOL-USDT", late, new BigDecimal("3")});
            try (Connection c = SERVERS.postgresConnection()) {
                insertTrades(c, history, lateTrade);
            }
            trades.addAll(lateTrade);
            Await.until(Duration.ofSeconds(30), "the late trade counted", () -> expected().equals(stored(stats)));
            // with the job still running, two more checks leave the same rows
            NotifyBuilder twoMoreRuns = new NotifyBuilder(app.camelContext())
                    .fromRoute("trade-history-to-symbol-stats-hourly").whenCompleted(2).create();
            assertTrue(twoMoreRuns.matches(30, TimeUnit.SECONDS), "two more runs of the job");
            assertEquals(expected(), stored(stats));
        } finally {
            SERVERS.dropIsolated(props);
        }
    }

    /** symbol, hour, count, volume for every completed hour from 40 hours ago on, computed here. */
    private List<String> expected() {
        Instant current = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant from = current.minus(Duration.ofHours(40));
        Map<String, BigDecimal[]> groups = new TreeMap<>();
        for (Object[] t : trades) {
            Instant time = (Instant) t[1];
            if (!time.isBefore(from) && time.isBefore(current)) {
                BigDecimal[] sums = groups.computeIfAbsent(t[0] + " " + EventTime.format(time.truncatedTo(ChronoUnit.HOURS)),
                        k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                sums[0] = sums[0].add(BigDecimal.ONE);
                sums[1] = sums[1].add((BigDecimal) t[2]);
            }
        }
        List<String> rows = new ArrayList<>();
        groups.forEach((key, sums) -> rows.add(key + " " + sums[0] + " " + KnownTrades.plain(sums[1])));
        return rows;
    }

    private static List<String> stored(String table) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = SERVERS.postgresConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT symbol, hour_start, transaction_count, total_volume_trade FROM " + table
                        + " ORDER BY symbol, hour_start")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + EventTime.format(rs.getObject(2, OffsetDateTime.class).toInstant()) + " "
                        + rs.getLong(3) + " " + KnownTrades.plain(rs.getBigDecimal(4)));
            }
        }
        return rows;
    }

    private static void insertTrades(Connection c, String table, List<Object[]> trades) throws Exception {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                + " (trade_id, symbol, trade_volume, timestamp, exchange, price, side) VALUES (?, ?, ?, ?, 'binance', 1, 'buy')")) {
            for (Object[] t : trades) {
                insert.setString(1, t[0] + "@" + t[1]);
                insert.setString(2, (String) t[0]);
                insert.setBigDecimal(3, (BigDecimal) t[2]);
                insert.setObject(4, OffsetDateTime.ofInstant((Instant) t[1], ZoneOffset.UTC));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
