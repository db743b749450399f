package io.tickflow.backfill;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The exchanges' candle and trade endpoints on one local HTTP server, answering from the recorded
 * series in src/test/resources/backfill (see PROVENANCE.md) what the real API would for the
 * request's parameters (time filters, page size, order). Tests script failures before the normal
 * answers (429 with Retry-After, 5xx, a timeout) or for every request matching a rule, and read
 * which requests arrived when.
 */
final class ExchangeRestReplay implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A scripted answer: a status and Retry-After, or a delay past the client's timeout (status 0). */
    record Failure(int status, String retryAfter, long delayMs) {

        static Failure status(int status) {
            return new Failure(status, null, 0);
        }

        static Failure rateLimited(int status, int retryAfterSeconds) {
            return new Failure(status, String.valueOf(retryAfterSeconds), 0);
        }

        static Failure timeout(long delayMs) {
            return new Failure(200, null, delayMs);
        }
    }

    /** A request as it arrived. */
    record Request(String path, Map<String, String> query, long atNanos) {
    }

    private final HttpServer server;
    private final Map<String, Queue<Failure>> scripted = new ConcurrentHashMap<>();
    private final List<Map.Entry<Predicate<Request>, Failure>> rules = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, JsonNode> series = new ConcurrentHashMap<>();
    private volatile long delayMs;

    ExchangeRestReplay() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The properties pointing Tickflow's backfill at this server. */
    Map<String, String> properties() {
        return Map.of("tickflow.backfill.binance.url", url() + "/api/v3/klines",
                "tickflow.backfill.binance-usdm.url", url() + "/fapi/v1/klines",
                "tickflow.backfill.bitmex.url", url() + "/api/v1/trade/bucketed",
                "tickflow.backfill.bitfinex.url", url() + "/v2/candles",
                "tickflow.backfill.coinbase.url", url() + "/products",
                "tickflow.backfill.kraken.url", url() + "/0/public/OHLC",
                "tickflow.backfill.binance.trades-url", url() + "/api/v3/aggTrades",
                "tickflow.backfill.binance-usdm.trades-url", url() + "/fapi/v1/aggTrades",
                "tickflow.backfill.bitmex.trades-url", url() + "/api/v1/trade",
                "tickflow.backfill.bitfinex.trades-url", url() + "/v2/trades");
    }

    /** The next answers to requests on a path (/api/v3/klines...), before normal ones. */
    void script(String path, Failure... failures) {
        scripted.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).addAll(List.of(failures));
    }

    void failWhen(Predicate<Request> rule, Failure failure) {
        rules.add(Map.entry(rule, failure));
    }

    void clearRules() {
        rules.clear();
    }

    /** Every answer waits this long (a slow exchange). */
    void delay(long ms) {
        delayMs = ms;
    }

    List<Request> requests(Predicate<Request> which) {
        List<Request> found = new ArrayList<>();
        requests.forEach(r -> {
            if (which.test(r)) {
                found.add(r);
            }
        });
        return Collections.unmodifiableList(found);
    }

    /** The recorded series of a fixture, as the exchange sent it. */
    JsonNode series(String fixture) {
        return series.computeIfAbsent(fixture, f -> {
            try (InputStream in = ExchangeRestReplay.class.getResourceAsStream("/backfill/" + f)) {
                return JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Request request = new Request(path, query(exchange.getRequestURI().getRawQuery()), System.nanoTime());
        requests.add(request);
        try (exchange) {
            Failure failure = null;
            for (Map.Entry<Predicate<Request>, Failure> rule : rules) {
                if (rule.getKey().test(request)) {
                    failure = rule.getValue();
                }
            }
            Queue<Failure> queue = scripted.get(path.startsWith("/v2/candles") ? "/v2/candles" : path);
            if (failure == null && queue != null) {
                failure = queue.poll();
            }
            sleep(failure != null && failure.delayMs() > 0 ? failure.delayMs() : delayMs);
            if (failure != null && failure.status() != 200) {
                if (failure.retryAfter() != null) {
                    exchange.getResponseHeaders().set("Retry-After", failure.retryAfter());
                }
                send(exchange, failure.status(), "{\"code\":-1003,\"msg\":\"scripted failure\"}");
                return;
            }
            if (path.endsWith("/aggTrades") && request.query().containsKey("startTime")
                    && Long.parseLong(request.query().get("endTime")) - Long.parseLong(request.query().get("startTime")) >= 3_600_000L) {
                send(exchange, 400, "{\"code\":-1127,\"msg\":\"More than 1 hours between startTime and endTime.\"}");
                return;
            }
            send(exchange, 200, JSON.writeValueAsString(page(path, request.query())));
        }
    }

    private JsonNode page(String path, Map<String, String> q) {
        ArrayNode page = JSON.createArrayNode();
        if (path.equals("/api/v3/klines") || path.equals("/fapi/v1/klines")) {
            String prefix = path.startsWith("/api") ? "binance-klines-" : "binance-usdm-klines-";
            long start = Long.parseLong(q.get("startTime"));
            long end = Long.parseLong(q.get("endTime"));
            int limit = Integer.parseInt(q.get("limit"));
            for (JsonNode k : series(prefix + q.get("symbol") + "-" + q.get("interval") + ".json")) {
                if (k.get(0).asLong() >= start && k.get(0).asLong() <= end && page.size() < limit) {
                    page.add(k);
                }
            }
        } else if (path.equals("/api/v3/aggTrades") || path.equals("/fapi/v1/aggTrades")) {
            // from an id on, or within [startTime, endTime]; oldest first
            String prefix = path.startsWith("/api") ? "binance-aggtrades-" : "binance-usdm-aggtrades-";
            int limit = Integer.parseInt(q.get("limit"));
            for (JsonNode t : series(prefix + q.get("symbol") + ".json")) {
                boolean wanted = q.containsKey("fromId") ? t.get("a").asLong() >= Long.parseLong(q.get("fromId"))
                        : t.get("T").asLong() >= Long.parseLong(q.get("startTime")) && t.get("T").asLong() <= Long.parseLong(q.get("endTime"));
                if (wanted && page.size() < limit) {
                    page.add(t);
                }
            }
        } else if (path.equals("/api/v1/trade")) {
            // within [startTime, endTime], skipping start rows, oldest first
            Instant start = Instant.parse(q.get("startTime"));
            Instant end = Instant.parse(q.get("endTime"));
            int count = Integer.parseInt(q.get("count"));
            int skip = Integer.parseInt(q.getOrDefault("start", "0"));
            for (JsonNode t : series("bitmex-trade-" + q.get("symbol") + ".json")) {
                Instant ts = Instant.parse(t.get("timestamp").asText());
                if (!ts.isBefore(start) && !ts.isAfter(end) && skip-- <= 0 && page.size() < count) {
                    page.add(t);
                }
            }
        } else if (path.startsWith("/v2/trades/") && path.endsWith("/hist")) {
            // within [start, end], oldest first (sort=1)
            String symbol = path.substring("/v2/trades/".length(), path.length() - "/hist".length());
            long start = Long.parseLong(q.get("start"));
            long end = Long.parseLong(q.get("end"));
            int limit = Integer.parseInt(q.get("limit"));
            for (JsonNode t : series("bitfinex-trades-" + symbol + ".json")) {
                if (t.get(1).asLong() >= start && t.get(1).asLong() <= end && page.size() < limit) {
                    page.add(t);
                }
            }
        } else if (path.equals("/api/v1/trade/bucketed")) {
            Instant start = Instant.parse(q.get("startTime"));
            Instant end = Instant.parse(q.get("endTime"));
            int count = Integer.parseInt(q.get("count"));
            for (JsonNode b : series("bitmex-trade-bucketed-" + q.get("symbol") + "-" + q.get("binSize") + ".json")) {
                Instant ts = Instant.parse(b.get("timestamp").asText());
                if (!ts.isBefore(start) && !ts.isAfter(end) && page.size() < count) {
                    page.add(b);
                }
            }
        } else if (path.startsWith("/v2/candles/trade:") && path.endsWith("/hist")) {
            String[] key = path.substring("/v2/candles/trade:".length(), path.length() - "/hist".length()).split(":", 2);
            long start = Long.parseLong(q.get("start"));
            long end = Long.parseLong(q.get("end"));
            int limit = Integer.parseInt(q.get("limit"));
            for (JsonNode c : series("bitfinex-candles-trade-" + key[0] + "-" + key[1] + ".json")) {
                if (c.get(0).asLong() >= start && c.get(0).asLong() <= end && page.size() < limit) {
                    page.add(c);
                }
            }
        } else if (path.startsWith("/products/") && path.endsWith("/candles")) {
            String product = path.substring("/products/".length(), path.length() - "/candles".length());
            long granularity = Long.parseLong(q.get("granularity"));
            long start = Instant.parse(q.get("start")).getEpochSecond();
            long end = Instant.parse(q.get("end")).getEpochSecond();
            if ((end - start) / granularity + 1 > 300) {
                throw new IllegalArgumentException("Coinbase refuses more than 300 candles");
            }
            for (JsonNode c : series("coinbase-candles-" + product + "-" + granularity + ".json")) {
                if (c.get(0).asLong() >= start && c.get(0).asLong() <= end) {
                    page.add(c);
                }
            }
        }
        return page;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                q.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return q;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            // the client gave up (a scripted timeout)
        }
    }

    private static void sleep(long ms) {
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
