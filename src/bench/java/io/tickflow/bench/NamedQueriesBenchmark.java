package io.tickflow.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
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
    private static final double WARMUP = Double.parseDouble(System.getProperty("bench.warmup-seconds", "15"));
    private static final double SECONDS = Double.parseDouble(System.getProperty("bench.seconds", "15"));
    private static final int RATE = Integer.getInteger("bench.rate", 2000);
    /** The HTTP and JDBC runs of current_price at full speed alternate in this many rounds, bench.seconds in all each. */
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    /** false: only current_price, the query the targets are about. */
    private static final boolean HOURLY = Boolean.parseBoolean(System.getProperty("bench.hourly", "true"));
    private static final double TARGET_SHARE = 0.5;
    private static final double TARGET_P99_MS = 20;

    public static void main(String[] args) throws Exception {
        SharedServers servers = SharedServers.get();
        Map<String, String> props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        props.put("tickflow.stats.check-period-ms", "3600000");
        List<LoadRun.Result> results = new ArrayList<>();
        List<LoadRun.Result> httpRounds = new ArrayList<>();
        List<LoadRun.Result> jdbcRounds = new ArrayList<>();
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
                // both paths compiled by the JIT before either is timed: the driver's code is shared, so the
                // JDBC run, second, had it compiled by the HTTP run while the HTTP run paid for Camel's and its own
                LoadRun.run("warm-up", CLIENTS, 0, 0, WARMUP, (c, r) -> get(http[c], base + "current_price?symbol=" + symbol(r.nextInt(SYMBOLS))));
                LoadRun.run("warm-up", CLIENTS, 0, 0, WARMUP, (c, r) -> jdbc(jdbc, priceSql, symbol(r.nextInt(SYMBOLS))));
                // alternating rounds, so that what the machine does meanwhile falls on both sides alike
                for (int round = 1; round <= ROUNDS; round++) {
                    httpRounds.add(LoadRun.run("current_price over HTTP (most it serves), round " + round, CLIENTS, 0, 1,
                            SECONDS / ROUNDS, (c, r) -> get(http[c], base + "current_price?symbol=" + symbol(r.nextInt(SYMBOLS)))));
                    jdbcRounds.add(LoadRun.run("current_price SQL over JDBC (limit), round " + round, CLIENTS, 0, 1, SECONDS / ROUNDS,
                            (c, r) -> jdbc(jdbc, priceSql, symbol(r.nextInt(SYMBOLS)))));
                    results.add(httpRounds.get(round - 1));
                    results.add(jdbcRounds.get(round - 1));
                }
                results.add(LoadRun.run("current_price over HTTP at " + RATE + " req/s", CLIENTS, RATE, WARMUP, SECONDS,
                        (c, r) -> get(http[c], base + "current_price?symbol=" + symbol(r.nextInt(SYMBOLS)))));
                if (HOURLY) {
                    results.add(LoadRun.run("hourly_stats_last_12_hours over HTTP (most it serves)", CLIENTS, 0, WARMUP, SECONDS,
                            (c, r) -> get(http[c], base + "hourly_stats_last_12_hours")));
                    results.add(LoadRun.run("hourly_stats_last_12_hours SQL over JDBC (limit)", CLIENTS, 0, WARMUP, SECONDS,
                            (c, r) -> jdbc(jdbc, statsSql, null)));
                }
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
        System.out.println();
        double[] shares = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            shares[round] = httpRounds.get(round).perSecond() / jdbcRounds.get(round).perSecond();
            System.out.printf("round %d: current_price over HTTP / the same SQL over JDBC: %.0f / %.0f = %.0f%%%n", round + 1,
                    httpRounds.get(round).perSecond(), jdbcRounds.get(round).perSecond(), shares[round] * 100);
        }
        double share = Arrays.stream(shares).sorted().toArray()[ROUNDS / 2];
        System.out.printf("current_price over HTTP / the same SQL over JDBC, median of %d alternating rounds: %.0f%% (target >= %.0f%%): %s%n",
                ROUNDS, share * 100, TARGET_SHARE * 100, verdict(share >= TARGET_SHARE));
        LoadRun.Result paced = results.get(2 * ROUNDS);
        // a paced run that fell behind its rate has not shown its latency at that rate
        boolean kept = paced.perSecond() >= RATE * 0.98 && paced.errors() == 0;
        System.out.printf("current_price over HTTP at %d req/s: p99 %.2f ms (target < %.0f ms) at %.0f req/s served, %d errors: %s%n",
                RATE, paced.p99Ms(), TARGET_P99_MS, paced.perSecond(), paced.errors(), verdict(kept && paced.p99Ms() < TARGET_P99_MS));
        if (HOURLY) {
            System.out.printf("hourly_stats_last_12_hours over HTTP / over JDBC: %.0f%% (no target)%n",
                    100 * results.get(2 * ROUNDS + 1).perSecond() / results.get(2 * ROUNDS + 2).perSecond());
        }
        System.exit(0);
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
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
