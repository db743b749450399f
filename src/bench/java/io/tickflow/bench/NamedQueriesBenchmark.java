package io.tickflow.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;

/**
 * Benchmark (not a test) of GET /api/queries/current_price and hourly_stats_last_12_hours under
 * 64 concurrent clients, beside the same SQL sent straight to PostgreSQL over JDBC through a pool
 * of the same size as Tickflow's (the limit). Run with the command in bench/README.md.
 */
public final class NamedQueriesBenchmark {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 64);
    private static final int SYMBOLS = 50;
    private static final double WARMUP = Double.parseDouble(System.getProperty("bench.warmup-seconds", "5"));
    private static final double SECONDS = Double.parseDouble(System.getProperty("bench.seconds", "15"));

    public static void main(String[] args) throws Exception {
        SharedServers servers = SharedServers.get();
        Map<String, String> props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        props.put("tickflow.stats.check-period-ms", "3600000");
        List<LoadRun.Result> results = new ArrayList<>();
        try (RunningTickflow app = RunningTickflow.start(props)) {
            String prices = props.get("tickflow.sink.postgres.current-price-table");
            String stats = props.get("tickflow.sink.postgres.symbol-stats-table");
            fill(servers, prices, stats);
            String base = "/api/queries/";
            KeepAliveHttp[] http = new KeepAliveHttp[CLIENTS];
            for (int c = 0; c < CLIENTS; c++) {
                http[c] = new KeepAliveHttp("127.0.0.1", app.port());
            }
            int poolSize = Integer.parseInt(app.camelContext().resolvePropertyPlaceholders("{{tickflow.postgres.pool-size}}"));
            try (HikariDataSource jdbc = pool(servers, poolSize)) {
                String priceSql = "SELECT exchange, symbol, bid_price, bid_size, ask_price, ask_size, (bid_price + ask_price) / 2 AS mid_price,"
                        + " updated_at FROM " + prices + " WHERE symbol = ? ORDER BY exchange";
                String statsSql = "SELECT symbol, hour_start, transaction_count, total_volume_trade FROM " + stats
                        + " WHERE hour_start >= date_trunc('hour', now(), 'UTC') - interval '12 hours' ORDER BY hour_start, symbol";
                results.add(LoadRun.run("current_price over HTTP (most it serves)", CLIENTS, 0, WARMUP, SECONDS,
                        (c, r) -> get(http[c], base + "current_price?symbol=" + symbol(r.nextInt(SYMBOLS)))));
                results.add(LoadRun.run("current_price SQL over JDBC (limit)", CLIENTS, 0, WARMUP, SECONDS,
                        (c, r) -> jdbc(jdbc, priceSql, symbol(r.nextInt(SYMBOLS)))));
                results.add(LoadRun.run("current_price over HTTP at 1000 req/s (target p99 < 20 ms)", CLIENTS, 1000, WARMUP, SECONDS,
                        (c, r) -> get(http[c], base + "current_price?symbol=" + symbol(r.nextInt(SYMBOLS)))));
                results.add(LoadRun.run("hourly_stats_last_12_hours over HTTP (most it serves)", CLIENTS, 0, WARMUP, SECONDS,
                        (c, r) -> get(http[c], base + "hourly_stats_last_12_hours")));
                results.add(LoadRun.run("hourly_stats_last_12_hours SQL over JDBC (limit)", CLIENTS, 0, WARMUP, SECONDS,
                        (c, r) -> jdbc(jdbc, statsSql, null)));
            }
        } finally {
            servers.dropIsolated(props);
        }
        System.out.println();
        System.out.printf("%d clients, %d symbols x 3 exchanges in current_price, %d x 12 hourly rows; %.0f s per run after %.0f s warm-up%n",
                CLIENTS, SYMBOLS, SYMBOLS, SECONDS, WARMUP);
        System.out.println("| run | requests/s | p50 ms | p99 ms | max ms | errors |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (LoadRun.Result r : results) {
            System.out.printf("| %s | %.0f | %.2f | %.2f | %.1f | %d |%n", r.name(), r.perSecond(), r.p50Ms(), r.p99Ms(), r.maxMs(), r.errors());
        }
        System.exit(0);
    }

    private static void get(KeepAliveHttp http, String uri) throws Exception {
        KeepAliveHttp.Response response = http.get(uri);
        if (response.status() != 200) {
            throw new IllegalStateException(response.status() + " " + response.body());
        }
    }

    private static void jdbc(HikariDataSource pool, String sql, String symbol) throws Exception {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (symbol != null) {
                s.setString(1, symbol);
            }
            try (ResultSet rs = s.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        rs.getObject(i);
                    }
                }
            }
        }
    }

    private static String symbol(int i) {
        return "SYM" + i + "-USDT";
    }

    private static void fill(SharedServers servers, String prices, String stats) throws Exception {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        try (Connection c = servers.postgresConnection(); Statement s = c.createStatement()) {
            for (int i = 0; i < SYMBOLS; i++) {
                for (String exchange : List.of("binance", "kraken", "okx")) {
                    s.addBatch("INSERT INTO " + prices + " VALUES ('" + exchange + "', '" + symbol(i) + "', " + (100 + i) + ".125, 1.5, "
                            + (100 + i) + ".375, 2.5, now())");
                }
                for (int h = 1; h <= 12; h++) {
                    s.addBatch("INSERT INTO " + stats + " VALUES ('" + symbol(i) + "', '" + hour.minus(Duration.ofHours(h)) + "', "
                            + (h * 10 + i) + ", " + (h + i) + ".5)");
                }
            }
            s.executeBatch();
        }
    }

    private static HikariDataSource pool(SharedServers servers, int size) throws Exception {
        HikariConfig config = new HikariConfig();
        try (Connection c = servers.postgresConnection()) {
            config.setJdbcUrl(c.getMetaData().getURL());
        }
        config.setUsername("postgres");
        config.setPassword("postgres");
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }
}
