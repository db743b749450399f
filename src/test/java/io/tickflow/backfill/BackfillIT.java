package io.tickflow.backfill;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.backfill.ExchangeRestReplay.Failure;
import io.tickflow.backfill.ExchangeRestReplay.Request;
import io.tickflow.feed.TopicRecords;
import io.tickflow.kafka.RecordOrigin;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.tickflow.backfill.BackfillTests.awaitStored;
import static io.tickflow.backfill.BackfillTests.call;
import static io.tickflow.backfill.BackfillTests.finished;
import static io.tickflow.backfill.BackfillTests.start;
import static io.tickflow.backfill.BackfillTests.stored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backfills from the exchanges' REST APIs replayed by a local server (recorded series of two
 * hours of 1m candles, pages of 10), through Kafka into QuestDB: complete ranges land once,
 * scripted 429s, 5xx and timeouts are retried, Binance stays within its 3 requests a second,
 * pages that keep failing land in the errors table and a rerun fills them, bad requests are 400s
 * naming the field, and the command line prints plain progress lines when not on a terminal.
 */
class BackfillIT {

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
    void completeRangesLandOnceFromEveryExchange() throws Exception {
        String usdm = start(app, "binance-usdm", "BTC-USDT-PERP", "1m", FROM, TO);
        String bitmex = start(app, "bitmex", "XBTUSD", "1m", FROM, TO);
        String coinbase = start(app, "coinbase", "BTC-USD", "1m", FROM, TO);
        JsonNode usdmJob = finished(app, usdm);
        assertEquals("done", usdmJob.get("state").asText(), usdmJob.toString());
        assertEquals(12, usdmJob.get("pagesDone").asInt());
        assertEquals(12, usdmJob.get("pagesTotal").asInt());
        assertEquals(120, usdmJob.get("rows").asInt());
        assertEquals(0, usdmJob.get("errors").asInt());
        JsonNode bitmexJob = finished(app, bitmex);
        assertEquals("done", bitmexJob.get("state").asText(), bitmexJob.toString());
        assertEquals(119, bitmexJob.get("rows").asInt(), "one minute had no trades");
        awaitStored(SERVERS, props, "binance-usdm", "BTC-USDT-PERP",
                BackfillTests.binanceExpected(replay.series("binance-usdm-klines-BTCUSDT-1m.json")));
        List<String> bitmexRows = BackfillTests.bitmexExpected(replay.series("bitmex-trade-bucketed-XBTUSD-1m.json"));
        assertTrue(bitmexRows.get(0).startsWith("2024-01-01T00:00:00Z "), "the bucket stamped 00:01 is the bar of 00:00");
        awaitStored(SERVERS, props, "bitmex", "BTC-USD-PERP", bitmexRows);
        JsonNode coinbaseJob = finished(app, coinbase);
        assertEquals("done", coinbaseJob.get("state").asText(), coinbaseJob.toString());
        assertEquals(119, coinbaseJob.get("rows").asInt(), "one minute had no trades");
        awaitStored(SERVERS, props, "coinbase", "BTC-USD", BackfillTests.coinbaseExpected(replay.series("coinbase-candles-BTC-USD-60.json")));
        // marked as past, so the stream and the webhooks pass them over
        List<TopicRecords.Keyed> published = TopicRecords.read(SERVERS.kafkaBootstrap(), props.get("tickflow.topics.candles"));
        assertTrue(published.size() >= 358 && published.stream().allMatch(r -> RecordOrigin.BACKFILL.equals(r.headers().get(RecordOrigin.HEADER))),
                published.size() + " candles, the first's headers " + published.get(0).headers());

        // the same range again: nothing left to fetch, nothing added
        int requestsBefore = replay.requests(r -> r.path().equals("/fapi/v1/klines")).size();
        JsonNode again = finished(app, start(app, "binance-usdm", "BTCUSDT", "1m", FROM, TO));
        assertEquals("done", again.get("state").asText());
        assertEquals(0, again.get("pagesTotal").asInt());
        assertEquals(requestsBefore, replay.requests(r -> r.path().equals("/fapi/v1/klines")).size());
        Thread.sleep(1000);
        assertEquals(120, stored(SERVERS, props, "binance-usdm", "BTC-USDT-PERP").size());
    }

    @Test
    void rateLimitedServerAndTimeoutsAreRetriedAndTheLimitHolds() throws Exception {
        replay.script("/api/v3/klines", Failure.rateLimited(429, 1), Failure.status(503), Failure.timeout(1500),
                Failure.rateLimited(418, 1));
        String id = start(app, "binance", "BTC-USDT", "1m", FROM, TO);
        JsonNode job = finished(app, id);
        assertEquals("done", job.get("state").asText(), job.toString());
        assertEquals(0, job.get("errors").asInt(), job.toString());
        assertEquals(120, job.get("rows").asInt());
        awaitStored(SERVERS, props, "binance", "BTC-USDT", BackfillTests.binanceExpected(replay.series("binance-klines-BTCUSDT-1m.json")));

        List<Request> requests = replay.requests(r -> r.path().equals("/api/v3/klines") && "BTCUSDT".equals(r.query().get("symbol")));
        assertEquals(12 + 4, requests.size(), "12 pages and the 4 scripted failures");
        long afterRetryAfter = requests.get(1).atNanos() - requests.get(0).atNanos();
        assertTrue(afterRetryAfter >= 950_000_000L, "the request after a 429 waited its Retry-After of 1 s: " + afterRetryAfter / 1e6 + " ms");
        assertWithinLimit(replay.requests(r -> r.path().equals("/api/v3/klines")), 3, Duration.ofSeconds(1));
    }

    @Test
    void pagesFailingForGoodLandInTheErrorsTableAndARerunFillsThem() throws Exception {
        // the page starting at 00:30 always fails
        long brokenStart = 1704067200000L + 30 * 60_000L;
        replay.failWhen(r -> r.path().startsWith("/v2/candles") && String.valueOf(brokenStart).equals(r.query().get("start")),
                Failure.status(502));
        JsonNode job = finished(app, start(app, "bitfinex", "tBTCUSD", "1m", FROM, TO));
        assertEquals("done", job.get("state").asText(), job.toString());
        assertEquals(1, job.get("errors").asInt());
        assertEquals(110, job.get("rows").asInt());
        List<String> all = BackfillTests.bitfinexExpected(replay.series("bitfinex-candles-trade-1m-tBTCUSD.json"));
        List<String> withoutBroken = new ArrayList<>(all.subList(0, 30));
        withoutBroken.addAll(all.subList(40, 120));
        awaitStored(SERVERS, props, "bitfinex", "BTC-USD", withoutBroken);
        assertEquals(List.of("bitfinex BTC-USD 1m 2024-01-01T00:30:00Z 2024-01-01T00:40:00Z HTTP 502 5"), errors());

        replay.clearRules();
        JsonNode rerun = finished(app, start(app, "bitfinex", "BTC-USD", "1m", FROM, TO));
        assertEquals("done", rerun.get("state").asText(), rerun.toString());
        assertEquals(1, rerun.get("pagesTotal").asInt(), "only the failed page is fetched again");
        assertEquals(10, rerun.get("rows").asInt());
        assertEquals(0, rerun.get("errors").asInt());
        awaitStored(SERVERS, props, "bitfinex", "BTC-USD", all);
        assertEquals(List.of(), errors());
    }

    @Test
    void badRequestsAre400sNamingTheField() throws Exception {
        assertBad("{\"exchange\":\"kucoin\",\"symbols\":[\"BTC-USDT\"],\"interval\":\"1m\",\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"}",
                "exchange");
        assertBad("{\"exchange\":\"binance\",\"symbols\":[\"NOPE-COIN\"],\"interval\":\"1m\",\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"}",
                "symbols");
        assertBad("{\"exchange\":\"binance\",\"symbols\":[\"BTC-USDT\"],\"interval\":\"1m\",\"from\":\"" + TO + "\",\"to\":\"" + FROM + "\"}",
                "from");
        assertBad("{\"exchange\":\"bitmex\",\"symbols\":[\"XBTUSD\"],\"interval\":\"3m\",\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"}",
                "interval");
        assertBad("{\"exchange\":\"binance\",\"symbols\":[\"BTC-USDT\"],\"interval\":\"1m\",\"from\":\"2000-01-01\",\"to\":\"2026-01-01\"}",
                "to");
        assertBad("{\"exchange\":\"binance\",\"symbols\":[\"BTC-USDT\"],\"interval\":\"1m\",\"from\":\"yesterday\",\"to\":\"" + TO + "\"}",
                "from");
        assertBad("{\"exchange\":\"binance\",\"symbol\":\"BTC-USDT\",\"interval\":\"1m\",\"from\":\"" + FROM + "\",\"to\":\"" + TO
                + "\",\"limit\":5}", "limit");
        assertBad("not json", "body");
        assertBad("{\"exchange\":\"kraken\",\"symbols\":[\"BTC-USD\"],\"interval\":\"1m\",\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"}",
                "from");
        HttpResponse<String> missing = call(app, "GET", "/api/backfills/bf_nosuchjob", null);
        assertEquals(404, missing.statusCode());
        assertEquals(404, call(app, "DELETE", "/api/backfills/bf_nosuchjob", null).statusCode());
        HttpResponse<String> tooLarge = call(app, "POST", "/api/backfills", "{\"exchange\":\"" + "x".repeat(70000) + "\"}");
        assertEquals(413, tooLarge.statusCode());
    }

    @Test
    void aSecondJobOnTheSameSymbolIsRefusedAndACancelledJobStops() throws Exception {
        replay.delay(300);
        try {
            String id = start(app, "binance", "ETH-USDT", "1m", FROM, TO);
            HttpResponse<String> twice = call(app, "POST", "/api/backfills", "{\"exchange\":\"binance\",\"symbols\":[\"ETHUSDT\"],"
                    + "\"interval\":\"1m\",\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"}");
            assertEquals(409, twice.statusCode(), twice.body());
            assertTrue(twice.body().contains(id), twice.body());
            Thread.sleep(800);
            JsonNode cancelled = ExchangeRestReplay.JSON.readTree(call(app, "DELETE", "/api/backfills/" + id, null).body());
            assertEquals("cancelled", cancelled.get("state").asText());
            Thread.sleep(1000);
            JsonNode job = BackfillTests.job(app, id);
            assertEquals("cancelled", job.get("state").asText());
            assertTrue(job.get("pagesDone").asInt() < 12, job.toString());
        } finally {
            replay.delay(0);
        }
    }

    @Test
    void theCommandLinePrintsPlainProgressLinesWhenNotOnATerminal() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new BackfillCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false).run(new String[] {"--exchange", "binance-usdm", "--symbol", "ETH-USDT-PERP", "--interval", "1m", "--from", FROM,
                        "--to", "2024-01-01T00:30:00Z", "--url", "http://127.0.0.1:" + app.port(), "--poll-ms", "100"});
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, printed + err);
        assertTrue(!printed.contains("\r"), printed);
        List<String> lines = printed.lines().toList();
        assertTrue(lines.get(0).startsWith("Backfill bf_") && lines.get(0).contains(" started on http://127.0.0.1:"), printed);
        assertTrue(lines.stream().anyMatch(l -> l.matches("bf_\\w+ (queued|running|done): pages \\d+/\\d+  candles \\d+  failed pages 0.*")),
                printed);
        assertTrue(lines.get(lines.size() - 1).matches("Backfill bf_\\w+ done: 3 of 3 pages, 30 candles, 0 failed pages, in [0-9.]+ s"),
                printed);

        ByteArrayOutputStream refused = new ByteArrayOutputStream();
        int bad = new BackfillCommand(new PrintStream(new ByteArrayOutputStream()), new PrintStream(refused, true, StandardCharsets.UTF_8),
                false).run(new String[] {"--exchange", "bitmex", "--symbol", "BTC-USD-PERP", "--interval", "3m", "--from", FROM,
                        "--to", TO, "--url", "http://127.0.0.1:" + app.port()});
        assertEquals(2, bad);
        assertTrue(refused.toString(StandardCharsets.UTF_8).contains("(HTTP 400): interval: bitmex has no interval '3m'"), refused.toString());

        ByteArrayOutputStream nobody = new ByteArrayOutputStream();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        int unreachable = new BackfillCommand(new PrintStream(new ByteArrayOutputStream()), new PrintStream(nobody, true, StandardCharsets.UTF_8),
                false).run(new String[] {"--exchange", "bitmex", "--symbol", "XBTUSD", "--interval", "1m", "--from", FROM, "--to", TO,
                        "--url", "http://127.0.0.1:" + port});
        assertEquals(3, unreachable);
        assertEquals(List.of("No Tickflow answers at http://127.0.0.1:" + port
                + " (start it with java -jar target/tickflow.jar, or give its address with --url)"),
                nobody.toString(StandardCharsets.UTF_8).lines().toList());
    }

    private static void assertBad(String body, String field) throws Exception {
        HttpResponse<String> answer = call(app, "POST", "/api/backfills", body);
        assertEquals(400, answer.statusCode(), answer.body());
        JsonNode error = ExchangeRestReplay.JSON.readTree(answer.body());
        assertEquals(field, error.path("parameter").asText(), answer.body());
        assertEquals("bad_parameter", error.path("error").asText());
    }

    /** The errors table's Bitfinex pages, one line per failed page. */
    private static List<String> errors() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = SERVERS.postgresConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT exchange, symbol, interval, page_from, page_to, reason, attempts FROM "
                        + props.get("tickflow.backfill.errors-table") + " WHERE exchange = 'bitfinex' ORDER BY page_from")) {
            while (r.next()) {
                rows.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3) + " " + r.getTimestamp(4).toInstant() + " "
                        + r.getTimestamp(5).toInstant() + " " + r.getString(6) + " " + r.getInt(7));
            }
        }
        return rows;
    }

    /** No window of the given length holds more than the allowed requests, as they arrived at the exchange. */
    static void assertWithinLimit(List<Request> requests, int allowed, Duration window) {
        long windowNanos = window.toNanos();
        for (int i = 0; i < requests.size(); i++) {
            int inWindow = 0;
            for (Request later : requests.subList(i, requests.size())) {
                if (later.atNanos() - requests.get(i).atNanos() < windowNanos) {
                    inWindow++;
                }
            }
            assertTrue(inWindow <= allowed, inWindow + " requests within " + window.toMillis() + " ms from request " + i);
        }
    }
}
