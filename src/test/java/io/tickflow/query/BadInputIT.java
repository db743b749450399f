package io.tickflow.query;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.tickflow.query.ApiResponses.assertError;
import static io.tickflow.query.ApiResponses.path;
import static io.tickflow.query.ApiResponses.query;
import static io.tickflow.query.ApiResponses.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unknown queries, bad parameters, SQL injection in every parameter type, and the timeout. */
class BadInputIT {

    private static final SharedServers SERVERS = SharedServers.get();

    private static Map<String, String> props;
    private static RunningTickflow app;
    private static String prices;

    @BeforeAll
    static void start() throws Exception {
        props = new HashMap<>(SERVERS.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        props.put("tickflow.queries.files", "classpath:queries.yaml,classpath:test-queries.yaml");
        props.put("tickflow.queries.timeout-seconds", "1");
        app = RunningTickflow.start(props);
        prices = props.get("tickflow.sink.postgres.current-price-table");
        try (Connection c = SERVERS.postgresConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + prices + " (exchange, symbol, bid_price, ask_price, updated_at) VALUES"
                    + " ('binance', 'BTC-USDT', 1, 2, now()), ('binance', 'ETH-USDT', 1, 2, now())");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        SERVERS.dropIsolated(props);
    }

    @Test
    void unknownQueryIs404ListingTheKnownOnes() throws Exception {
        JsonNode body = ApiResponses.json(app.get("/api/queries/no_such_query"), 404);
        assertEquals("not_found", body.get("error").asText());
        String message = body.get("message").asText();
        assertTrue(message.contains("no_such_query") && message.contains("current_price") && message.contains("ohlcv_candles"), message);
    }

    @Test
    void badParametersAre400NamingTheParameter() throws Exception {
        assertError(app.get(path("current_price")), 400, "bad_parameter", "symbol");
        assertError(app.get(path("current_price", "symbol", "")), 400, "bad_parameter", "symbol");
        assertError(app.get(path("transactions_in_last_n_min", "symbol", "BTC-USDT", "n_minutes", "abc")), 400, "bad_parameter", "n_minutes");
        assertError(app.get(path("transactions_in_last_n_min", "symbol", "BTC-USDT", "n_minutes", "0")), 400, "bad_parameter", "n_minutes");
        assertError(app.get(path("transactions_in_last_n_min", "symbol", "BTC-USDT", "n_minutes", "10081")), 400, "bad_parameter", "n_minutes");
        assertError(app.get(path("top_n_highest_volumes", "top_n", "1001")), 400, "bad_parameter", "top_n");
        assertError(app.get(path("top_n_highest_volumes", "window", "60d")), 400, "bad_parameter", "window");
        assertError(app.get(path("top_n_highest_volumes", "window", "soon")), 400, "bad_parameter", "window");
        assertError(app.get(path("ohlcv_candles", "symbol", "BTC-USDT", "from", "yesterday")), 400, "bad_parameter", "from");
        assertError(app.get(path("ohlcv_candles", "symbol", "BTC-USDT", "interval", "0s")), 400, "bad_parameter", "interval");
        assertError(app.get(path("every_type", "real", "1.5")), 400, "bad_parameter", "real");
        assertError(app.get(path("every_type", "real", "NaN")), 400, "bad_parameter", "real");
        assertError(app.get(path("every_type", "at", "1999-12-31T23:59:59Z")), 400, "bad_parameter", "at");
        assertError(app.get(path("every_type", "side", "both")), 400, "bad_parameter", "side");
        assertError(app.get(path("every_type", "whole", "1", "whole", "2")), 400, "bad_parameter", "whole");
        assertError(app.get(path("current_price", "symbol", "BTC-USDT", "sybmol", "x")), 400, "bad_parameter", "sybmol");
        assertError(app.get(path("current_price", "symbol", "BTC-USDT", "limit", "0")), 400, "bad_parameter", "limit");
        assertError(app.get(path("current_price", "symbol", "BTC-USDT", "format", "xml")), 400, "bad_parameter", "format");
        JsonNode body = ApiResponses.json(app.get(path("transactions_in_last_n_min", "symbol", "X", "n_minutes", "0")), 400);
        assertTrue(body.get("message").asText().contains("at least 1"), body.toString());
    }

    @Test
    void everyTypeBindsItsValue() throws Exception {
        assertEquals(List.of(List.of("it's; plain", "7", "0.25", "2026-03-01T12:00:00.000000Z", "PT15M", "sell", "2")),
                rows(query(app, "every_type", "text", "it's; plain", "whole", "7", "real", "0.25", "at", "2026-03-01T12:00:00Z",
                        "span", "15m", "side", "sell", "symbols", "BTC-USDT,ETH-USDT")).stream()
                        .map(r -> List.of(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6))).toList());
        assertEquals("2", rows(query(app, "every_type", "symbols", "BTC-USDT", "symbols", "ETH-USDT")).get(0).get(6));
    }

    @Test
    void sqlInjectionIsRefusedOrTreatedAsAPlainValue() throws Exception {
        String drop = "'; DROP TABLE " + prices + "; --";
        // strings are plain values: echoed back exactly, matching nothing
        assertEquals(drop, rows(query(app, "every_type", "text", drop)).get(0).get(0));
        assertEquals(List.of(), rows(query(app, "current_price", "symbol", "BTC-USDT' OR '1'='1")));
        assertEquals(List.of(), rows(query(app, "current_price", "symbol", drop)));
        // every other type refuses anything that is not a value of it
        assertError(app.get(path("every_type", "whole", "1; DROP TABLE " + prices)), 400, "bad_parameter", "whole");
        assertError(app.get(path("every_type", "whole", "1 OR 1=1")), 400, "bad_parameter", "whole");
        assertError(app.get(path("every_type", "real", "0.5); DROP TABLE " + prices + "; --")), 400, "bad_parameter", "real");
        assertError(app.get(path("every_type", "at", "2026-01-01T00:00:00Z'; DROP TABLE " + prices + "; --")), 400, "bad_parameter", "at");
        assertError(app.get(path("every_type", "span", "1h'::interval); DROP TABLE " + prices + "; --")), 400, "bad_parameter", "span");
        assertError(app.get(path("every_type", "symbols", "BTC-USDT') OR ('1'='1")), 400, "bad_parameter", "symbols");
        assertError(app.get(path("every_type", "symbols", "BTC-USDT,'; DROP TABLE " + prices + "; --")), 400, "bad_parameter", "symbols");
        assertError(app.get(path("every_type", "side", drop)), 400, "bad_parameter", "side");
        assertError(app.get(path("current_price", "symbol", "BTC-USDT", "limit", "1; DROP TABLE " + prices)), 400, "bad_parameter", "limit");
        try (Connection c = SERVERS.postgresConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + prices)) {
            rs.next();
            assertEquals(2, rs.getLong(1), "the table is intact");
        }
        assertEquals("2", rows(query(app, "every_type", "symbols", "BTC-USDT,ETH-USDT")).get(0).get(6), "both symbols still match");
    }

    @Test
    void aQueryRunningTooLongIsCancelledWith504() throws Exception {
        long start = System.nanoTime();
        JsonNode body = ApiResponses.json(app.get(path("slow", "seconds", "20")), 504);
        assertEquals("query_timeout", body.get("error").asText());
        assertTrue(body.get("message").asText().contains("slow"), body.toString());
        assertTrue(System.nanoTime() - start < 15_000_000_000L, "cancelled well before the query would have ended");
    }

    @Test
    void listsEveryQueryWithItsParameters() throws Exception {
        JsonNode body = ApiResponses.json(app.get("/api/queries"), 200);
        assertEquals(15, body.get("count").asInt());
        JsonNode current = null;
        for (JsonNode q : body.get("queries")) {
            if (q.get("name").asText().equals("transactions_in_last_n_min")) {
                current = q;
            }
        }
        assertEquals("postgres", current.get("target").asText());
        assertEquals("symbol", current.at("/parameters/0/name").asText());
        assertTrue(current.at("/parameters/0/required").asBoolean());
        assertEquals("int", current.at("/parameters/1/type").asText());
        assertEquals("10080", current.at("/parameters/1/max").asText());
    }

    @Test
    void openApiDescribesEveryEndpointAndEveryQuery() throws Exception {
        JsonNode doc = ApiResponses.json(app.get("/api/openapi.json"), 200);
        assertEquals("3.1.0", doc.get("openapi").asText());
        JsonNode paths = doc.get("paths");
        for (String path : List.of("/api/health", "/api/tickers", "/api/tickers/{name}/history", "/api/queries",
                "/api/queries/{name}", "/api/openapi.json", "/api/queries/current_price", "/api/queries/ohlcv_candles")) {
            assertTrue(paths.has(path), path + " in " + paths.fieldNames());
        }
        JsonNode parameters = paths.at("/~1api~1queries~1transactions_in_last_n_min/get/parameters");
        assertEquals("symbol", parameters.at("/0/name").asText());
        assertTrue(parameters.at("/0/required").asBoolean());
        assertEquals("integer", parameters.at("/1/schema/type").asText());
        assertEquals(10080, parameters.at("/1/schema/maximum").asInt());
        assertEquals("limit", parameters.at("/2/name").asText());
        assertTrue(paths.at("/~1api~1queries~1{name}/get/parameters/0/schema/enum").toString().contains("current_price"));
    }
}
