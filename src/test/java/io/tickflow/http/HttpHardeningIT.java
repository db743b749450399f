package io.tickflow.http;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.WebhookTests;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an attacker can send to every endpoint: header-named query parameters, control characters,
 * times no database takes, an API key in the URL, oversized subscriptions. Every REST operation
 * Camel knows is tried, so a new one is covered without editing this test.
 */
class HttpHardeningIT {

    private static final SharedServers SERVERS = SharedServers.get();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String KEY = "hardening-key-41c2";
    static final String MARK = "tf-injected";
    /** Response headers Tickflow may send, lower case; anything else is a leak. */
    static final Set<String> ALLOWED = Set.of("content-type", "content-length", "transfer-encoding",
            "www-authenticate", "retry-after", "location", "content-disposition", "cache-control");
    static final List<String> HEADER_NAMES = List.of("Set-Cookie", "Access-Control-Allow-Origin",
            "Access-Control-Allow-Credentials", "Location", "Content-Type", "Cache-Control", "WWW-Authenticate",
            "Retry-After", "Content-Disposition", "Refresh", "Link", "X-Frame-Options", "CamelHttpResponseCode",
            "historyLimit", "X-Tickflow");

    private static Map<String, String> props;
    private static RunningTickflow app;

    @BeforeAll
    static void start() throws Exception {
        props = WebhookTests.properties(SERVERS);
        props.put("tickflow.webhooks.allow-private-targets", "false");
        props.put("tickflow.api-key", KEY);
        app = RunningTickflow.start(props);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        SERVERS.dropIsolated(props);
    }

    @Test
    void queryParametersNeverComeBackAsResponseHeaders() throws Exception {
        StringBuilder query = new StringBuilder("?");
        HEADER_NAMES.forEach(name -> query.append(name).append('=').append(MARK).append('&'));
        query.append("Set-Cookie=a%3Db");
        List<String> checked = new ArrayList<>();
        for (String[] operation : operations(app.camelContext())) {
            for (String key : new String[] {KEY, null}) {
                HttpResponse<String> response = send(operation[0], operation[1] + query, key, "{}");
                assertOnlyTickflowHeaders(operation[0] + " " + operation[1], response.headers());
                assertFalse(response.body().contains(MARK) && response.headers().firstValue("content-type")
                        .orElse("").startsWith("text/html"), "request data served as HTML");
            }
            checked.add(operation[0] + " " + operation[1]);
        }
        assertOnlyTickflowHeaders("SSE", send("GET", "/api/stream/sse" + query, null, null).headers());
        assertTrue(checked.containsAll(List.of("GET /api/tickers/ticker_01/history", "POST /api/webhooks",
                "GET /api/queries/current_price", "GET /metrics")), "every REST operation is tried: " + checked);
    }

    @Test
    void whileCorsIsOffPreflightsAreAnsweredButNoAccessControlHeaderIsSent() throws Exception {
        Map<String, String> cors = Map.of("Origin", "https://elsewhere.example", "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "authorization, content-type");
        List<String[]> requests = new ArrayList<>(operations(app.camelContext()));
        requests.addAll(List.of(new String[] {"GET", "/"}, new String[] {"GET", "/nope"}, new String[] {"POST", "/api/tickers"},
                new String[] {"GET", "/api/openapi.json"}));
        for (String[] request : requests) {
            for (String method : new String[] {request[0], "OPTIONS"}) {
                HttpResponse<String> response = send(method, request[1] + "?Access-Control-Allow-Origin=" + MARK, KEY, null, cors);
                response.headers().map().keySet().forEach(name -> assertFalse(name.toLowerCase(Locale.ROOT).startsWith("access-control-"),
                        method + " " + request[1] + " sent " + name));
                if (method.equals("OPTIONS")) {
                    // answered, so the browser refuses the call for want of CORS headers, not for a 405
                    assertEquals(request[1].equals("/nope") ? 404 : 204, response.statusCode(), request[1]);
                }
            }
        }
    }

    @Test
    void controlCharactersInParametersAreA400NamingThem() throws Exception {
        for (String character : List.of("%00", "%0D%0A", "%1B", "%7F", "%0A")) {
            for (String[] operation : operations(app.camelContext())) {
                assertBadParameter(send(operation[0], operation[1] + "?limit=1" + character + "2", KEY, "{}"), "limit");
            }
            assertBadParameter(send("GET", "/api/tickers/ticker" + character + "_01/history", KEY, null), "name");
            assertBadParameter(send("GET", "/api/webhooks/sub" + character, KEY, null), "id");
            assertBadParameter(send("GET", "/api/queries/current_price" + character, KEY, null), "name");
        }
        assertBadParameter(send("GET", "/api/tickers?a%00b=1", KEY, null), "a\\u0000b");
    }

    @Test
    void timesTheDatabasesCannotTakeAreA400NamingTheParameter() throws Exception {
        String subscription = JSON.readTree(send("POST", "/api/webhooks", KEY,
                "{\"url\":\"https://1.1.1.1/h\",\"eventTypes\":[\"trade\"]}").body()).path("id").asText();
        List<String> times = List.of("+1000000000-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "-0001-06-01T00:00:00Z",
                "+10000-01-01T00:00:00Z");
        for (String time : times) {
            String t = URLEncoder.encode(time, StandardCharsets.UTF_8);
            assertBadParameter(send("GET", "/api/tickers/ticker_01/history?from=" + t, null, null), "from");
            assertBadParameter(send("GET", "/api/tickers/ticker_01/history?to=" + t, null, null), "to");
            assertBadParameter(send("GET", "/api/queries/ticker_history?name=ticker_01&from=" + t, null, null), "from");
            assertBadParameter(send("GET", "/api/queries/latest_liquidations?since=" + t, null, null), "since");
            assertBadParameter(send("POST", "/api/webhooks/" + subscription + "/replay?from=" + t
                    + "&to=2026-01-01T00:00:00Z", KEY, null), "from");
        }
        for (String relative : List.of("now-999999999d", "now-PT99999999999H")) {
            assertBadParameter(send("GET", "/api/queries/latest_liquidations?since=" + relative, null, null), "since");
            assertBadParameter(send("GET", "/api/queries/ohlcv_candles?symbol=BTC-USDT&interval=1m&from=" + relative,
                    null, null), "from");
        }
    }

    @Test
    void controlCharactersInASubscriptionAreA400NamingTheField() throws Exception {
        assertBadParameter(send("POST", "/api/webhooks", KEY,
                "{\"url\":\"https://1.1.1.1/h\",\"eventTypes\":[\"trade\"],\"description\":\"a\\u0000b\"}"), "description");
        assertBadParameter(send("POST", "/api/webhooks", KEY,
                "{\"url\":\"https://1.1.1.1/h\",\"eventTypes\":[\"trade\"],\"filters\":{\"symbol\":\"BTC\\u0000\"}}"),
                "filters.symbol");
    }

    @Test
    void theApiKeyIsTakenOnlyFromTheHeader() throws Exception {
        String inUrl = "?Authorization=" + URLEncoder.encode("Bearer " + KEY, StandardCharsets.UTF_8);
        HttpResponse<String> response = send("GET", "/api/webhooks" + inUrl, null, null);
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(200, send("GET", "/api/webhooks", KEY, null).statusCode());
    }

    @Test
    void oversizedSubscriptionsAreRefusedNamingTheField() throws Exception {
        int subscriptions = JSON.readTree(send("GET", "/api/webhooks", KEY, null).body()).size();
        StringBuilder symbols = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) {
            symbols.append(i == 0 ? "" : ",").append("\"S").append(i).append('"');
        }
        symbols.append(']');
        assertBadParameter(send("POST", "/api/webhooks", KEY, "{\"url\":\"https://1.1.1.1/h\",\"eventTypes\":[\"trade\"],"
                + "\"filters\":{\"symbol\":" + symbols + "}}"), "filters.symbol");
        assertBadParameter(send("POST", "/api/webhooks", KEY, "{\"url\":\"https://1.1.1.1/" + "a".repeat(3000)
                + "\",\"eventTypes\":[\"trade\"]}"), "url");
        StringBuilder conditions = new StringBuilder("[");
        for (int i = 0; i < 21; i++) {
            conditions.append(i == 0 ? "" : ",").append("{\"field\":\"price\",\"op\":\">\",\"value\":").append(i).append('}');
        }
        assertBadParameter(send("POST", "/api/webhooks", KEY, "{\"url\":\"https://1.1.1.1/h\",\"eventTypes\":[\"trade\"],"
                + "\"filters\":{\"conditions\":" + conditions + "]}}"), "filters.conditions");
        HttpResponse<String> huge = send("POST", "/api/webhooks", KEY, "{\"url\":\"https://1.1.1.1/" + "a".repeat(1 << 20)
                + "\",\"eventTypes\":[\"trade\"]}");
        assertEquals(413, huge.statusCode());
        assertEquals(subscriptions, JSON.readTree(send("GET", "/api/webhooks", KEY, null).body()).size(),
                "nothing was subscribed");
    }

    /** Every REST operation as {method, path with sample path parameters}. */
    static List<String[]> operations(CamelContext camelContext) {
        List<String[]> operations = new ArrayList<>();
        Model model = camelContext.getCamelContextExtension().getContextPlugin(Model.class);
        for (RestDefinition rest : model.getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = (rest.getPath() == null ? "" : rest.getPath()) + (verb.getPath() == null ? "" : verb.getPath());
                operations.add(new String[] {verb.asVerb().toUpperCase(Locale.ROOT),
                        path.replace("/queries/{name}", "/queries/current_price").replace("{name}", "ticker_01").replaceAll("\\{[^}]+}", "x")});
            }
        }
        return operations;
    }

    private static HttpResponse<String> send(String method, String pathAndQuery, String key, String body) throws Exception {
        return send(method, pathAndQuery, key, body, Map.of());
    }

    private static HttpResponse<String> send(String method, String pathAndQuery, String key, String body,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (pathAndQuery.startsWith("/api/stream/sse") && response.statusCode() == 200) {
            throw new AssertionError("the SSE request was expected to be refused");
        }
        return response;
    }

    private static void assertOnlyTickflowHeaders(String operation, HttpHeaders headers) {
        headers.map().forEach((name, values) -> {
            if (name.startsWith(":")) {
                return; // HTTP/2 pseudo-headers the JDK client lists, not sent by the server as headers
            }
            assertTrue(ALLOWED.contains(name.toLowerCase(Locale.ROOT)), operation + " sent header " + name + ": " + values);
            values.forEach(value -> assertFalse(value.contains(MARK) || value.contains("a=b"),
                    operation + " reflected request data in " + name + ": " + value));
        });
    }

    /** A 400 JSON body naming the parameter, with no database text. */
    private static void assertBadParameter(HttpResponse<String> response, String parameter) throws Exception {
        String body = response.body();
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"), body);
        assertFalse(body.contains("ERROR:") || body.contains("SQL") || body.contains("Exception"), body);
        assertEquals(400, response.statusCode(), body);
        JsonNode error = JSON.readTree(body);
        assertEquals("bad_parameter", error.path("error").asText(), body);
        assertEquals(parameter, error.path("parameter").asText(), body);
    }
}
