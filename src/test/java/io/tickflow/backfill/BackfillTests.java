package io.tickflow.backfill;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;

/** What the backfill ITs share: Tickflow's properties, the API calls, the stored candles and the expected ones. */
final class BackfillTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BackfillTests() {
    }

    /**
     * Isolated properties, simulators off, the backfill on the replay server with pages of 10
     * candles (and answers of 10 trades), Binance limited to 3 requests a second, quick retries (5 attempts, 500 ms timeout).
     */
    static Map<String, String> properties(SharedServers servers, ExchangeRestReplay replay) {
        Map<String, String> p = new HashMap<>(servers.isolatedProperties());
        p.put("tickflow.simulator.enabled", "false");
        p.put("tickflow.market-simulator.enabled", "false");
        p.putAll(replay.properties());
        for (String exchange : List.of("binance", "binance-usdm", "bitmex", "bitfinex", "coinbase")) {
            p.put("tickflow.backfill." + exchange + ".page-size", "10");
            p.put("tickflow.backfill." + exchange + ".permits", "100");
            p.put("tickflow.backfill." + exchange + ".window-ms", "1000");
        }
        for (String exchange : List.of("binance", "binance-usdm", "bitmex", "bitfinex")) {
            p.put("tickflow.backfill." + exchange + ".trades-page-size", "10");
        }
        p.put("tickflow.backfill.binance.weight", "1");
        p.put("tickflow.backfill.binance.trades-weight", "1");
        p.put("tickflow.backfill.binance-usdm.trades-weight", "1");
        p.put("tickflow.backfill.binance.permits", "3");
        p.put("tickflow.backfill.timeout-ms", "500");
        p.put("tickflow.backfill.max-attempts", "5");
        p.put("tickflow.backfill.backoff-initial-ms", "50");
        p.put("tickflow.backfill.backoff-max-ms", "200");
        return p;
    }

    static HttpResponse<String> call(RunningTickflow app, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String start(RunningTickflow app, String exchange, String symbol, String interval, String from, String to)
            throws Exception {
        HttpResponse<String> created = call(app, "POST", "/api/backfills", "{\"exchange\":\"" + exchange + "\",\"symbols\":[\""
                + symbol + "\"],\"interval\":\"" + interval + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}");
        if (created.statusCode() != 202) {
            throw new AssertionError("POST /api/backfills answered " + created.statusCode() + ": " + created.body());
        }
        String id = ExchangeRestReplay.JSON.readTree(created.body()).get("id").asText();
        if (!created.headers().firstValue("Location").orElse("").equals("/api/backfills/" + id)) {
            throw new AssertionError("Location of " + id + ": " + created.headers().map());
        }
        return id;
    }

    static JsonNode job(RunningTickflow app, String id) throws Exception {
        return ExchangeRestReplay.JSON.readTree(call(app, "GET", "/api/backfills/" + id, null).body());
    }

    static JsonNode finished(RunningTickflow app, String id) throws Exception {
        JsonNode[] last = new JsonNode[1];
        Await.until(Duration.ofSeconds(60), "backfill " + id + " to finish", () -> {
            last[0] = job(app, id);
            String state = last[0].path("state").asText();
            return !state.equals("queued") && !state.equals("running");
        });
        return last[0];
    }

    /** The stored candles of a symbol, oldest first, as "ts open high low close volume closed". */
    static List<String> stored(SharedServers servers, Map<String, String> props, String exchange, String symbol) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = servers.questdbConnection(); PreparedStatement s = c.prepareStatement("SELECT ts, open, high, low, close, "
                + "volume, closed, interval FROM " + props.get("tickflow.sink.questdb.candles-table")
                + " WHERE exchange = ? AND symbol = ? ORDER BY ts")) {
            s.setString(1, exchange);
            s.setString(2, symbol);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(row(r.getTimestamp(1).toInstant(), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6)) + " " + r.getBoolean(7) + " " + r.getString(8));
                }
            }
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                return rows;
            }
            throw e;
        }
        return rows;
    }

    /** Waits until the symbol's stored candles are the expected ones, every one once. */
    static void awaitStored(SharedServers servers, Map<String, String> props, String exchange, String symbol, List<String> expected)
            throws Exception {
        List<String>[] last = new List[1];
        try {
            Await.until(Duration.ofSeconds(30), exchange + " " + symbol + " candles stored", () -> {
                last[0] = stored(servers, props, exchange, symbol);
                return last[0].equals(expected);
            });
        } catch (AssertionError e) {
            throw new AssertionError("stored " + last[0].size() + " candles, expected " + expected.size() + "; first stored "
                    + last[0].stream().limit(3).toList() + ", first expected " + expected.stream().limit(3).toList(), e);
        }
    }

    static String row(Instant ts, String open, String high, String low, String close, String volume) {
        return ts + " " + plain(open) + " " + plain(high) + " " + plain(low) + " " + plain(close) + " " + plain(volume);
    }

    private static String plain(String decimal) {
        return new BigDecimal(decimal).stripTrailingZeros().toPlainString();
    }

    /** The candles a Binance kline series should become (1m, closed). */
    static List<String> binanceExpected(JsonNode klines) {
        List<String> rows = new ArrayList<>();
        klines.forEach(k -> rows.add(row(Instant.ofEpochMilli(k.get(0).asLong()), k.get(1).asText(), k.get(2).asText(),
                k.get(3).asText(), k.get(4).asText(), k.get(5).asText()) + " true 1m"));
        return rows;
    }

    /** BitMEX buckets: each bar starts one minute before its timestamp; empty buckets are no candle; volume is homeNotional. */
    static List<String> bitmexExpected(JsonNode buckets) {
        List<String> rows = new ArrayList<>();
        buckets.forEach(b -> {
            if (!b.get("open").isNull()) {
                rows.add(row(Instant.parse(b.get("timestamp").asText()).minus(Duration.ofMinutes(1)), b.get("open").asText(),
                        b.get("high").asText(), b.get("low").asText(), b.get("close").asText(), b.get("homeNotional").asText())
                        + " true 1m");
            }
        });
        return rows;
    }

    /** Coinbase [time (s), low, high, open, close, volume], newest first. */
    static List<String> coinbaseExpected(JsonNode candles) {
        List<String> rows = new ArrayList<>();
        candles.forEach(c -> rows.add(0, row(Instant.ofEpochSecond(c.get(0).asLong()), c.get(3).asText(), c.get(2).asText(),
                c.get(1).asText(), c.get(4).asText(), c.get(5).asText()) + " true 1m"));
        return rows;
    }

    /** Bitfinex [MTS, OPEN, CLOSE, HIGH, LOW, VOLUME]. */
    static List<String> bitfinexExpected(JsonNode candles) {
        List<String> rows = new ArrayList<>();
        candles.forEach(c -> rows.add(row(Instant.ofEpochMilli(c.get(0).asLong()), c.get(1).asText(), c.get(3).asText(),
                c.get(4).asText(), c.get(2).asText(), c.get(5).asText()) + " true 1m"));
        return rows;
    }
}
