package io.tickflow.api;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.event.EventTime;
import io.tickflow.simulator.Tick;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.StoredTicks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST skeleton against a running Tickflow whose simulator has stored known values. */
class TickersApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SharedServers SERVERS = SharedServers.get();

    private static Map<String, String> props;
    private static RunningTickflow app;
    private static List<Tick> stored;

    @BeforeAll
    static void startWithStoredTicks() throws Exception {
        props = new HashMap<>(SERVERS.isolatedProperties());
        props.put("tickflow.simulator.count", "3");
        props.put("tickflow.simulator.period-ms", "100");
        app = RunningTickflow.start(props);
        String table = props.get("tickflow.sink.postgres.records-table");
        Await.until(ofSeconds(60), "10 steps stored",
                () -> StoredTicks.count(SERVERS.postgresConnection(), table) >= 30);
        app.camelContext().getRouteController().stopRoute("ticker-simulator-to-kafka");
        long produced = StoredTicks.inTopic(SERVERS.kafkaBootstrap(), props.get("tickflow.simulator.topic")).size();
        Await.until(ofSeconds(60), "PostgreSQL to catch up",
                () -> StoredTicks.count(SERVERS.postgresConnection(), table) == produced);
        stored = StoredTicks.inTable(SERVERS.postgresConnection(), table).stream()
                .filter(t -> t.name().equals("ticker_01")).toList();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        SERVERS.dropIsolated(props);
    }

    @Test
    void listsTheTickerNames() throws Exception {
        JsonNode body = json(app.get("/api/tickers"), 200);
        assertEquals(List.of("ticker_00", "ticker_01", "ticker_02"), JSON.convertValue(body, List.class));
    }

    @Test
    void historyReturnsWhatWasStoredOldestFirst() throws Exception {
        JsonNode body = json(app.get("/api/tickers/ticker_01/history"), 200);
        assertEquals("ticker_01", body.get("name").asText());
        assertEquals(stored.size(), body.get("count").asInt());
        assertEquals(stored, ticks("ticker_01", body.get("values")));
    }

    @Test
    void historyHonoursFromToAndLimit() throws Exception {
        String from = EventTime.format(stored.get(2).time());
        String to = EventTime.format(stored.get(7).time());
        JsonNode range = json(app.get("/api/tickers/ticker_01/history?from=" + from + "&to=" + to), 200);
        assertEquals(stored.subList(2, 7), ticks("ticker_01", range.get("values")));

        JsonNode newest = json(app.get("/api/tickers/ticker_01/history?limit=2"), 200);
        assertEquals(stored.subList(stored.size() - 2, stored.size()), ticks("ticker_01", newest.get("values")));
    }

    @Test
    void badParametersGet400NamingTheParameter() throws Exception {
        assertBadParameter("/api/tickers/ticker_01/history?limit=abc", "limit");
        assertBadParameter("/api/tickers/ticker_01/history?limit=0", "limit");
        assertBadParameter("/api/tickers/ticker_01/history?limit=10001", "limit");
        assertBadParameter("/api/tickers/ticker_01/history?from=yesterday", "from");
        assertBadParameter("/api/tickers/ticker_01/history?to=2026-13-01T00:00:00Z", "to");
        assertBadParameter("/api/tickers/ticker_01/history?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from");
        assertBadParameter("/api/tickers/ticker_01/history?limit=1%27%3B%20DROP%20TABLE%20records%3B--", "limit");
    }

    @Test
    void unknownTickerGets404() throws Exception {
        JsonNode body = json(app.get("/api/tickers/no_such_ticker/history"), 404);
        assertEquals("not_found", body.get("error").asText());
        assertTrue(body.get("message").asText().contains("no_such_ticker"));
    }

    @Test
    void healthNamesAStoppedRouteAsDown() throws Exception {
        // the simulator route was stopped above, so the routes component is down
        JsonNode body = json(app.get("/api/health"), 503);
        assertEquals("DOWN", body.get("status").asText());
        assertEquals(List.of("routes"), JSON.convertValue(body.get("down"), List.class));
        assertTrue(body.at("/components/routes/reason").asText().contains("ticker-simulator-to-kafka"));
        for (String component : List.of("kafka", "questdb", "postgres")) {
            assertEquals("UP", body.at("/components/" + component + "/status").asText(), component);
        }
    }

    private static void assertBadParameter(String path, String parameter) throws Exception {
        JsonNode body = json(app.get(path), 400);
        assertEquals("bad_parameter", body.get("error").asText(), path);
        assertEquals(parameter, body.get("parameter").asText(), path);
        assertTrue(body.get("message").asText().contains(parameter), path);
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "JSON content type: " + response.headers());
        return JSON.readTree(response.body());
    }

    private static List<Tick> ticks(String name, JsonNode values) {
        List<Tick> ticks = new java.util.ArrayList<>();
        values.forEach(v -> ticks.add(new Tick(name, v.get("value").asLong(), EventTime.parse(v.get("time").asText()))));
        return ticks;
    }
}
