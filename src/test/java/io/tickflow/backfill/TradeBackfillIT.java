package io.tickflow.backfill;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.backfill.ExchangeRestReplay.Failure;
import io.tickflow.backfill.ExchangeRestReplay.Request;
import io.tickflow.feed.TopicRecords;
import io.tickflow.kafka.RecordOrigin;
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
    private static TradeTables tables;

    @BeforeAll
    static void startTickflow() throws Exception {
        replay = new ExchangeRestReplay();
        props = BackfillTests.properties(SERVERS, replay);
        app = RunningTickflow.start(props);
        tables = new TradeTables(SERVERS, props);
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
        List<String> expected = TradeTables.binanceExpected(replay.series("binance-aggtrades-BTCUSDT.json"));
        tables.awaitStored("binance", "BTC-USDT", expected);
        assertEquals(36, tables.postgresTrades("binance", "BTC-USDT", 36), "the PostgreSQL trade history has each once too");
        // marked as past, so the stream and the webhooks pass them over
        List<TopicRecords.Keyed> published = TopicRecords.read(SERVERS.kafkaBootstrap(), props.get("tickflow.topics.trades"));
        assertTrue(published.size() >= 36 && published.stream().allMatch(r -> RecordOrigin.BACKFILL.equals(r.headers().get(RecordOrigin.HEADER))),
                published.size() + " trades, the first's headers " + published.get(0).headers());

        // the same range again: nothing left to fetch
        JsonNode again = finished(app, start(app, "binance", "BTCUSDT", "trades", FROM, TO));
        assertEquals("done", again.get("state").asText());
        assertEquals(0, again.get("pagesTotal").asInt());
        assertEquals(5, binanceRequests("/api/v3/aggTrades").size());

        // every trade published again (the checkpoint gone): each replaces its row, by its id
        Instant firstRun = tables.newestReceived("binance", "BTC-USDT");
        try (Connection c = SERVERS.postgresConnection(); PreparedStatement s = c.prepareStatement("DELETE FROM "
                + props.get("tickflow.backfill.checkpoints-table") + " WHERE exchange = 'binance' AND interval = 'trades'")) {
            assertEquals(1, s.executeUpdate());
        }
        JsonNode republished = finished(app, start(app, "binance", "BTC-USDT", "trades", FROM, TO));
        assertEquals(36, republished.get("rows").asInt(), republished.toString());
        Await.until(Duration.ofSeconds(30), "the trades published again to be stored", () -> tables.oldestReceived("binance", "BTC-USDT")
                .isAfter(firstRun));
        assertEquals(expected, tables.stored("binance", "BTC-USDT"));
        assertEquals(36, tables.postgresTrades("binance", "BTC-USDT", 36));
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
        tables.awaitStored("binance-usdm", "BTC-USDT-PERP", TradeTables.binanceExpected(replay.series("binance-usdm-aggtrades-BTCUSDT.json")));

        JsonNode bitmexJob = finished(app, bitmex);
        assertEquals("done", bitmexJob.get("state").asText(), bitmexJob.toString());
        assertEquals(29, bitmexJob.get("rows").asInt());
        // 23 trades in the first hour: offsets 0, 10, 20; 6 in the second
        List<String> offsets = replay.requests(r -> r.path().equals("/api/v1/trade") && "XBTUSD".equals(r.query().get("symbol"))).stream()
                .map(r -> r.query().get("startTime") + " " + r.query().get("endTime") + " " + r.query().get("start")).toList();
        assertEquals(List.of("2024-01-01T00:00:00Z 2024-01-01T00:59:59.999Z 0", "2024-01-01T00:00:00Z 2024-01-01T00:59:59.999Z 10",
                "2024-01-01T00:00:00Z 2024-01-01T00:59:59.999Z 20", "2024-01-01T01:00:00Z 2024-01-01T01:59:59.999Z 0"), offsets);
        tables.awaitStored("bitmex", "BTC-USD-PERP", TradeTables.bitmexExpected(replay.series("bitmex-trade-XBTUSD.json")));
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
        tables.awaitStored("bitfinex", "BTC-USD", TradeTables.bitfinexExpected(replay.series("bitfinex-trades-tBTCUSD.json")));
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
            List<String> all = TradeTables.bitmexExpected(replay.series("bitmex-trade-ETHUSD.json"));
            tables.awaitStored("bitmex", "ETH-USD-PERP", all.subList(0, 4));
            assertEquals(List.of("bitmex ETH-USD-PERP trades 2024-01-01T01:00:00Z 2024-01-01T02:00:00Z HTTP 502 5"), tables.errors("bitmex"));
        } finally {
            replay.clearRules();
        }
        JsonNode rerun = finished(app, start(app, "bitmex", "ETHUSD", "trades", FROM, TO));
        assertEquals("done", rerun.get("state").asText(), rerun.toString());
        assertEquals(1, rerun.get("pagesTotal").asInt(), "only the failed window is fetched again");
        assertEquals(3, rerun.get("rows").asInt());
        assertEquals(0, rerun.get("errors").asInt());
        tables.awaitStored("bitmex", "ETH-USD-PERP", TradeTables.bitmexExpected(replay.series("bitmex-trade-ETHUSD.json")));
        assertEquals(List.of(), tables.errors("bitmex"));
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
}
