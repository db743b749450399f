package io.tickflow.backfill;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.backfill.ExchangeRestReplay.Failure;
import io.tickflow.backfill.ExchangeRestReplay.Request;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.tickflow.backfill.BackfillTests.call;
import static io.tickflow.backfill.BackfillTests.finished;
import static io.tickflow.backfill.BackfillTests.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trade backfills (interval "trades") from Binance spot and USD-M aggTrades, BitMEX and Bitfinex
 * trades replayed by a local server (two hours of trades, answers of 10), through Kafka into QuestDB's
 * and PostgreSQL's trade tables: every trade once with the exchange's exact values, a full answer
 * continued from the next trade id (Binance), offset (BitMEX) or millisecond (Bitfinex, without
 * publishing a trade twice) within its hour, a rerun adding
 * no row (also when every trade is published again), a window failing for good in the errors table
 * until a rerun fills it, the hour still running not checkpointed, and bad requests 400s naming
 * the field.
 */
class TradeBackfillIT {

    private static final SharedServers SERVERS = SharedServers.get();
    private static final String FROM = "2024-01-01T00:00:00Z";
    private static final String TO = "2024-01-01T02:00:00Z";

    private static ExchangeRestReplay replay;
    private static Map<String, String> props;
    private static RunningTickflow app;

    @BeforeAll
    static void startTickflow() throws Exception {
        replay = new ExchangeRestReplay();
        props = BackfillTests.properties(SERVERS, replay);
        app = RunningTickflow.start(props);
    }

    @AfterAll
    static void stopTickflow() throws Exception {
        app.close();
        replay.close();
        SERVERS.dropIsolated(props);
    }

    @Test
    void binanceTradesLandOnceFollowingFullAnswersByIdAndARerunAddsNone() throws Exception {
        JsonNode job = finished(app, start(app, "binance", "BTC-USDT", "trades", FROM, TO));
        assertEquals("done", job.get("state").asText(), job.toString());
        assertEquals("trades", job.get("interval").asText());
        assertEquals(2, job.get("pagesTotal").asInt(), "one page an hour");
        assertEquals(2, job.get("pagesDone").asInt());
        assertEquals(36, job.get("rows").asInt());
        assertEquals(0, job.get("errors").asInt());
        // 25 trades in the first hour: 10, then from the next id 10, then 10 of which 5 are the second hour's
        assertEquals(List.of("startTime=1704067200000 endTime=1704070799999", "fromId=2843700011", "fromId=2843700021",
                "startTime=1704070800000 endTime=1704074399999", "fromId=2843700036"), binanceRequests("/api/v3/aggTrades"));
        List<String> expected = binanceExpected(replay.series("binance-aggtrades-BTCUSDT.json"));
        awaitStored("binance", "BTC-USDT", expected);
        assertEquals(36, postgresTrades("binance", "BTC-USDT", 36), "the PostgreSQL trade history has each once too");

        // the same range again: nothing left to fetch
        JsonNode again = finished(app, start(app, "binance", "BTCUSDT", "trades", FROM, TO));
        assertEquals("done", again.get("state").asText());
        assertEquals(0, again.get("pagesTotal").asInt());
        assertEquals(5, binanceRequests("/api/v3/aggTrades").size());

        // every trade published again (the checkpoint gone): each replaces its row, by its id
        Instant firstRun = newestReceived("binance", "BTC-USDT");
        try (Connection c = SERVERS.postgresConnection(); PreparedStatement s = c.prepareStatement("DELETE FROM "
                + props.get("tickflow.backfill.checkpoints-table") + " WHERE exchange = 'binance' AND interval = 'trades'")) {
            assertEquals(1, s.executeUpdate());
        }
        JsonNode republished = finished(app, start(app, "binance", "BTC-USDT", "trades", FROM, TO));
        assertEquals(36, republished.get("rows").asInt(), republished.toString());
        Await.until(Duration.ofSeconds(30), "the trades published again to be stored", () -> oldestReceived("binance", "BTC-USDT")
                .isAfter(firstRun));
        assertEquals(expected, stored("binance", "BTC-USDT"));
        assertEquals(36, postgresTrades("binance", "BTC-USDT", 36));
    }

    @Test
    void usdmAndBitmexTradesLandAsTheirFeedsWouldFromTheCommandLineToo() throws Exception {
        String bitmex = start(app, "bitmex", "XBTUSD", "trades", FROM, TO);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new BackfillCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                false).run(new String[] {"--exchange", "binance-usdm", "--symbol", "BTC-USDT-PERP", "--interval", "trades", "--from", FROM,
                        "--to", TO, "--url", "http://127.0.0.1:" + app.port(), "--poll-ms", "100"});
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, printed);
        List<String> lines = printed.lines().toList();
        assertTrue(lines.get(lines.size() - 1).matches("Backfill bf_\\w+ done: 2 of 2 pages, 17 trades, 0 failed pages, in [0-9.]+ s"),
                printed);
        assertEquals(List.of("startTime=1704067200000 endTime=1704070799999", "fromId=1934500010",
                "startTime=1704070800000 endTime=1704074399999"), binanceRequests("/fapi/v1/aggTrades"));
        awaitStored("binance-usdm", "BTC-USDT-PERP", binanceExpected(replay.series("binance-usdm-aggtrades-BTCUSDT.json")));

        JsonNode bitmexJob = finished(app, bitmex);
        assertEquals("done", bitmexJob.get("state").asText(), bitmexJob.toString());
        assertEquals(29, bitmexJob.get("rows").asInt());
        // 23 trades in the first hour: offsets 0, 10, 20; 6 in the second
        List<String> offsets = replay.requests(r -> r.path().equals("/api/v1/trade") && "XBTUSD".equals(r.query().get("symbol"))).stream()
                .map(r -> r.query().get("startTime") + " " + r.query().get("endTime") + " " + r.query().get("start")).toList();
        assertEquals(List.of("2024-01-01T00:00:00Z 2024-01-01T00:59:59.999Z 0", "2024-01-01T00:00:00Z 2024-01-01T00:59:59.999Z 10",
                "2024-01-01T00:00:00Z 2024-01-01T00:59:59.999Z 20", "2024-01-01T01:00:00Z 2024-01-01T01:59:59.999Z 0"), offsets);
        awaitStored("bitmex", "BTC-USD-PERP", bitmexExpected(replay.series("bitmex-trade-XBTUSD.json")));
    }

    @Test
    void bitfinexGoesOnFromTheLastTradesMillisecondWithoutATradeTwice() throws Exception {
        JsonNode job = finished(app, start(app, "bitfinex", "tBTCUSD", "trades", FROM, TO));
        assertEquals("done", job.get("state").asText(), job.toString());
        assertEquals(19, job.get("rows").asInt(), "the trade the second answer has again is not published twice");
        // an answer of 10 ends inside a millisecond of two trades: the next starts at that millisecond
        List<String> starts = replay.requests(r -> r.path().equals("/v2/trades/tBTCUSD/hist")).stream()
                .map(r -> r.query().get("start") + "-" + r.query().get("end")).toList();
        assertEquals(List.of("1704067200000-1704070799999", "1704069510348-1704070799999", "1704070800000-1704074399999"), starts);
        List<String[]> rows = new ArrayList<>();
        replay.series("bitfinex-trades-tBTCUSD.json").forEach(t -> rows.add(new String[] {Instant.ofEpochMilli(t.get(1).asLong()).toString(),
                t.get(2).decimalValue().signum() > 0 ? "buy" : "sell", t.get(3).decimalValue().toPlainString(),
                t.get(2).decimalValue().abs().toPlainString(), t.get(2).decimalValue().abs().toPlainString(), null, t.get(0).asText()}));
        awaitStored("bitfinex", "BTC-USD", lines(rows));
    }

    @Test
    void aWindowFailingForGoodLandsInTheErrorsTableAndARerunFillsIt() throws Exception {
        // ETHUSD is a quanto: its base amount is BitMEX's homeNotional
        replay.failWhen(r -> r.path().equals("/api/v1/trade") && "ETHUSD".equals(r.query().get("symbol"))
                && "2024-01-01T01:00:00Z".equals(r.query().get("startTime")), Failure.status(502));
        try {
            JsonNode job = finished(app, start(app, "bitmex", "ETH-USD-PERP", "trades", FROM, TO));
            assertEquals("done", job.get("state").asText(), job.toString());
            assertEquals(1, job.get("errors").asInt());
            assertEquals(4, job.get("rows").asInt());
            List<String> all = bitmexExpected(replay.series("bitmex-trade-ETHUSD.json"));
            awaitStored("bitmex", "ETH-USD-PERP", all.subList(0, 4));
            assertEquals(List.of("bitmex ETH-USD-PERP trades 2024-01-01T01:00:00Z 2024-01-01T02:00:00Z HTTP 502 5"), errors("bitmex"));
        } finally {
            replay.clearRules();
        }
        JsonNode rerun = finished(app, start(app, "bitmex", "ETHUSD", "trades", FROM, TO));
        assertEquals("done", rerun.get("state").asText(), rerun.toString());
        assertEquals(1, rerun.get("pagesTotal").asInt(), "only the failed window is fetched again");
        assertEquals(3, rerun.get("rows").asInt());
        assertEquals(0, rerun.get("errors").asInt());
        awaitStored("bitmex", "ETH-USD-PERP", bitmexExpected(replay.series("bitmex-trade-ETHUSD.json")));
        assertEquals(List.of(), errors("bitmex"));
    }

    @Test
    void theHourStillRunningIsFetchedButNotCheckpointed() throws Exception {
        Instant now = Instant.now();
        if (Duration.between(now, now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1))).toSeconds() < 10) {
            Thread.sleep(11_000);
        }
        Instant thisHour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String from = thisHour.minus(Duration.ofHours(1)).toString();
        JsonNode job = finished(app, start(app, "binance", "BTC-USDT", "trades", from, Instant.now().toString()));
        assertEquals("done", job.get("state").asText(), job.toString());
        assertEquals(2, job.get("pagesDone").asInt(), "the last hour and this one");
        try (Connection c = SERVERS.postgresConnection(); PreparedStatement s = c.prepareStatement("SELECT next_from FROM "
                + props.get("tickflow.backfill.checkpoints-table") + " WHERE exchange = 'binance' AND symbol = 'BTC-USDT'"
                + " AND interval = 'trades'"); ResultSet r = s.executeQuery()) {
            assertTrue(r.next());
            assertEquals(thisHour, r.getTimestamp(1).toInstant(), "checkpointed up to this hour, which has not ended");
        }
        JsonNode again = finished(app, start(app, "binance", "BTC-USDT", "trades", from, Instant.now().toString()));
        assertEquals(1, again.get("pagesTotal").asInt(), "this hour is fetched again: " + again);
    }

    @Test
    void badTradeRequestsAre400sNamingTheField() throws Exception {
        assertBad("{\"exchange\":\"coinbase\",\"symbols\":[\"BTC-USD\"],\"interval\":\"trades\",\"from\":\"" + FROM + "\",\"to\":\"" + TO
                + "\"}", "interval");
        assertBad("{\"exchange\":\"binance\",\"symbols\":[\"BTC-USDT\"],\"interval\":\"trades\",\"from\":\"2024-01-01\",\"to\":\"2024-01-09\"}",
                "to");
        assertBad("{\"exchange\":\"bitmex\",\"symbols\":[\"XBTUSD\"],\"interval\":\"trades\",\"from\":\"" + TO + "\",\"to\":\"" + FROM + "\"}",
                "from");
        assertBad("{\"exchange\":\"bitmex\",\"symbols\":[\"NOPE\"],\"interval\":\"trades\",\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"}",
                "symbols");
    }

    private static void assertBad(String body, String field) throws Exception {
        HttpResponse<String> answer = call(app, "POST", "/api/backfills", body);
        assertEquals(400, answer.statusCode(), answer.body());
        JsonNode error = ExchangeRestReplay.JSON.readTree(answer.body());
        assertEquals(field, error.path("parameter").asText(), answer.body());
    }

    /** The Binance requests of a path for the fixtures' hours, each as its time range or its fromId. */
    private static List<String> binanceRequests(String path) {
        return replay.requests(r -> r.path().equals(path) && (r.query().containsKey("fromId")
                || Long.parseLong(r.query().get("startTime")) < Instant.parse(TO).toEpochMilli())).stream().map(TradeBackfillIT::range).toList();
    }

    private static String range(Request r) {
        return r.query().containsKey("fromId") ? "fromId=" + r.query().get("fromId")
                : "startTime=" + r.query().get("startTime") + " endTime=" + r.query().get("endTime");
    }

    /** Binance aggTrades: m (the buyer was the maker) true is a sale by the taker; the amount is in the base asset. */
    private static List<String> binanceExpected(JsonNode trades) {
        List<String[]> rows = new ArrayList<>();
        trades.forEach(t -> rows.add(new String[] {Instant.ofEpochMilli(t.get("T").asLong()).toString(), t.get("m").asBoolean() ? "sell" : "buy",
                t.get("p").asText(), t.get("q").asText(), t.get("q").asText(), null, t.get("a").asText()}));
        return lines(rows);
    }

    /**
     * BitMEX: XBTUSD is inverse, 1 USD a contract, so its base amount is size / price; other
     * contracts' is homeNotional. The quote amount is foreignNotional.
     */
    private static List<String> bitmexExpected(JsonNode trades) {
        List<String[]> rows = new ArrayList<>();
        trades.forEach(t -> {
            BigDecimal price = t.get("price").decimalValue();
            BigDecimal base = t.get("symbol").asText().equals("XBTUSD")
                    ? new BigDecimal(t.get("size").asText()).divide(price, 18, RoundingMode.HALF_EVEN)
                    : t.get("homeNotional").decimalValue();
            rows.add(new String[] {Instant.parse(t.get("timestamp").asText()).toString(), t.get("side").asText().toLowerCase(Locale.ROOT),
                    price.toPlainString(), t.get("size").asText(), base.toPlainString(), t.get("foreignNotional").decimalValue().toPlainString(),
                    t.get("trdMatchID").asText()});
        });
        return lines(rows);
    }

    /** Rows ordered by time and id, as stored() reads them. */
    private static List<String> lines(List<String[]> rows) {
        return rows.stream().sorted(Comparator.<String[], Instant>comparing(r -> Instant.parse(r[0])).thenComparing(r -> r[6]))
                .map(r -> line(Instant.parse(r[0]), r[1], r[2], r[3], r[4], r[5], r[6])).toList();
    }

    private static String line(Instant ts, String side, String price, String amount, String base, String quote, String id) {
        return ts + " " + side + " " + plain(price) + " " + plain(amount) + " " + plain(base) + " " + plain(quote) + " " + id;
    }

    private static String plain(String decimal) {
        return decimal == null ? "null" : new BigDecimal(decimal).stripTrailingZeros().toPlainString();
    }

    /** QuestDB's trades of a symbol as "ts side price amount baseAmount quoteAmount tradeId", by time and id. */
    private static List<String> stored(String exchange, String symbol) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = SERVERS.questdbConnection(); PreparedStatement s = c.prepareStatement("SELECT ts, side, price, amount,"
                + " base_amount, quote_amount, trade_id FROM " + props.get("tickflow.sink.questdb.trades-table")
                + " WHERE exchange = ? AND symbol = ? ORDER BY ts, trade_id")) {
            s.setString(1, exchange);
            s.setString(2, symbol);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(line(r.getTimestamp(1).toInstant(), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6), r.getString(7)));
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

    private static void awaitStored(String exchange, String symbol, List<String> expected) throws Exception {
        List<String>[] last = new List[1];
        try {
            Await.until(Duration.ofSeconds(30), exchange + " " + symbol + " trades stored", () -> {
                last[0] = stored(exchange, symbol);
                return last[0].equals(expected);
            });
        } catch (AssertionError e) {
            throw new AssertionError("stored " + last[0].size() + " trades, expected " + expected.size() + "; first stored "
                    + last[0].stream().limit(3).toList() + ", first expected " + expected.stream().limit(3).toList(), e);
        }
    }

    /** The errors table's trade pages of an exchange, one line per failed page. */
    private static List<String> errors(String exchange) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = SERVERS.postgresConnection(); PreparedStatement s = c.prepareStatement("SELECT exchange, symbol, interval,"
                + " page_from, page_to, reason, attempts FROM " + props.get("tickflow.backfill.errors-table")
                + " WHERE exchange = ? AND interval = 'trades' ORDER BY symbol, page_from")) {
            s.setString(1, exchange);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3) + " " + r.getTimestamp(4).toInstant() + " "
                            + r.getTimestamp(5).toInstant() + " " + r.getString(6) + " " + r.getInt(7));
                }
            }
        }
        return rows;
    }

    private static Instant newestReceived(String exchange, String symbol) throws SQLException {
        return received("max", exchange, symbol);
    }

    private static Instant oldestReceived(String exchange, String symbol) throws SQLException {
        return received("min", exchange, symbol);
    }

    private static Instant received(String aggregate, String exchange, String symbol) throws SQLException {
        try (Connection c = SERVERS.questdbConnection(); PreparedStatement s = c.prepareStatement("SELECT " + aggregate + "(received_ts) FROM "
                + props.get("tickflow.sink.questdb.trades-table") + " WHERE exchange = ? AND symbol = ?")) {
            s.setString(1, exchange);
            s.setString(2, symbol);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getTimestamp(1).toInstant();
            }
        }
    }

    /** The PostgreSQL trade history's count of a symbol's trades, once it holds at least the expected. */
    private static int postgresTrades(String exchange, String symbol, int expected) throws Exception {
        int[] count = new int[1];
        Await.until(Duration.ofSeconds(30), "PostgreSQL trades of " + symbol, () -> {
            try (Connection c = SERVERS.postgresConnection(); PreparedStatement s = c.prepareStatement("SELECT count(*) FROM "
                    + props.get("tickflow.sink.postgres.trades-table") + " WHERE exchange = ? AND symbol = ?")) {
                s.setString(1, exchange);
                s.setString(2, symbol);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    count[0] = r.getInt(1);
                }
            }
            return count[0] >= expected;
        });
        return count[0];
    }
}
