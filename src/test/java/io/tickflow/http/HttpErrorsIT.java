package io.tickflow.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.testing.Await;
import io.tickflow.testing.LogLines;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.WebhookTests;
import io.vertx.ext.web.Route;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the HTTP server answers itself, without a route to ask (no such path, another method, a
 * body too large, a request it cannot parse, a handler that fails), is JSON in the shape of the REST
 * routes' errors: never an HTML page, an empty body or a stack trace.
 */
class HttpErrorsIT {

    private static final SharedServers SERVERS = SharedServers.get();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Map<String, String> props;
    private static RunningTickflow app;

    @BeforeAll
    static void start() throws Exception {
        props = WebhookTests.properties(SERVERS);
        app = RunningTickflow.start(props);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        SERVERS.dropIsolated(props);
    }

    @Test
    void anUnknownPathIsA404() throws Exception {
        for (String[] request : List.of(new String[] {"GET", "/nope"}, new String[] {"GET", "/api/nope"},
                new String[] {"POST", "/api/nope"}, new String[] {"GET", "/api/tickers/ticker_01"},
                new String[] {"GET", "/dashboard/nope.js"}, new String[] {"GET", "/webjars/nope.js"})) {
            JsonNode error = error(send(request[0], request[1], Map.of()), 404, "not_found");
            assertEquals("Nothing is served at " + request[1], error.path("message").asText());
        }
    }

    @Test
    void anotherMethodOnAServedPathIsA405ListingTheAllowedOnes() throws Exception {
        assertNotAllowed("POST", "/api/tickers", "GET, HEAD, OPTIONS");
        assertNotAllowed("DELETE", "/api/queries/current_price", "GET, HEAD, OPTIONS");
        assertNotAllowed("PUT", "/api/webhooks/sub_x", "DELETE, GET, HEAD, OPTIONS, PATCH");
        assertNotAllowed("GET", "/api/webhooks/sub_x/test", "OPTIONS, POST");
        Answer head = raw("HEAD /api/webhooks/sub_x/test HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertEquals(405, head.status(), "no GET there, so no HEAD");
        assertEquals("OPTIONS, POST", head.headers().firstValue("Allow").orElse(null));
        assertEquals("", head.body());
        assertNotAllowed("POST", "/", "GET, HEAD, OPTIONS");
    }

    @Test
    void headIsGetWithoutTheBody() throws Exception {
        for (String path : List.of("/api/tickers", "/api/health", "/api/health/live", "/api/queries", "/", "/api/openapi.json", "/dashboard/common.js")) {
            Answer get = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            Answer head = raw("HEAD " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertEquals(200, get.status(), path);
            assertEquals(200, head.status(), path);
            assertEquals("", head.body(), "no body follows a HEAD's headers: " + path);
            assertFalse(get.body().isEmpty(), path);
            assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"), path);
            // the same headers but the body's framing, which a HEAD's answer may leave out
            assertEquals(headersButFraming(get), headersButFraming(head), "the same headers: " + path);
        }
        // the event stream's GET never ends: its HEAD answers at once (raw() reads until the server closes)
        Answer stream = raw("HEAD /api/stream/sse?data_type=tickers&name=ticker_02 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertEquals(200, stream.status());
        assertEquals("text/event-stream", stream.headers().firstValue("Content-Type").orElse(null));
        assertEquals("", stream.body());
        Answer badStream = raw("HEAD /api/stream/sse?data_type=nope HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertEquals(400, badStream.status(), "a HEAD is judged as its GET would be");
    }

    @Test
    void optionsOnAServedPathIsA204WithAllow() throws Exception {
        for (String[] path : List.of(new String[] {"/api/tickers", "GET, HEAD, OPTIONS"},
                new String[] {"/api/webhooks/sub_x", "DELETE, GET, HEAD, OPTIONS, PATCH"}, new String[] {"/markets", "GET, HEAD, OPTIONS"})) {
            Answer response = send("OPTIONS", path[0], Map.of());
            assertEquals(204, response.status(), path[0]);
            assertEquals(path[1], response.headers().firstValue("Allow").orElse(null), path[0]);
            assertEquals("", response.body());
        }
        error(send("OPTIONS", "/nope", Map.of()), 404, "not_found");
    }

    @Test
    void aBodyOverTheLimitIsA413() throws Exception {
        Answer response = Answer.of(HTTP.send(HttpRequest.newBuilder(app.uri("/api/webhooks")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"" + "a".repeat(70_000) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()));
        JsonNode error = error(response, 413, "body_too_large");
        assertEquals("The request body is larger than 65536 bytes (tickflow.http.max-body-bytes)", error.path("message").asText());
    }

    @Test
    void aRequestThatCannotBeParsedIsA400() throws Exception {
        JsonNode query = error(raw("GET /api/tickers?a=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                400, "bad_request");
        assertEquals("The request is malformed: Error while decoding query params", query.path("message").asText());
        error(raw("GET /api/tickers/x%zz/history HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400, "bad_request");
        error(raw("GET /api/tickers HTTP/1.1\r\nConnection: close\r\n\r\n"), 400, "bad_request");
        JsonNode garbage = error(raw("NOT HTTP AT ALL\r\n\r\n"), 400, "bad_request");
        assertEquals("The request is not valid HTTP", garbage.path("message").asText());
    }

    @Test
    void aRequestLineOrHeadersOverVertxLimitsAreA414AndA431() throws Exception {
        JsonNode line = error(raw("GET /api/tickers?a=" + "a".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"),
                414, "uri_too_long");
        assertEquals("The request line (method, path and query) is longer than 4096 bytes", line.path("message").asText());
        JsonNode headers = error(raw("GET /api/tickers HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n"),
                431, "headers_too_large");
        assertEquals("The request headers are larger than 8192 bytes", headers.path("message").asText());
    }

    @Test
    void aHandlerThatFailsIsA500ThatTellsNothingOfTheFailureButLogsIt() throws Exception {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(app.camelContext(),
                VertxPlatformHttpRouter.getRouterNameFromPort(app.port()));
        Route failing = router.get("/test/failing").handler(ctx -> {
            throw new IllegalStateException("secret detail");
        });
        try (LogLines log = LogLines.of("io.tickflow.http")) {
            JsonNode error = error(send("GET", "/test/failing", Map.of()), 500, "internal_error");
            assertFalse(error.toString().contains("secret"), error.toString());
            Await.until(Duration.ofSeconds(10), "the failure logged",
                    () -> log.lines().contains("ERROR GET /test/failing failed"));
        } finally {
            failing.remove();
        }
    }

    private static Set<String> headersButFraming(Answer answer) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(answer.headers().map().keySet());
        names.removeAll(Set.of("content-length", "transfer-encoding"));
        return names;
    }

    private static void assertNotAllowed(String method, String path, String allow) throws Exception {
        Answer response = send(method, path, Map.of());
        JsonNode error = error(response, 405, "method_not_allowed");
        assertEquals(allow, response.headers().firstValue("Allow").orElse(null), method + " " + path);
        assertEquals(method + " is not allowed on " + path + "; allowed: " + allow, error.path("message").asText());
    }

    /** The JSON error of the REST routes: its status, error name and a message; no HTML, no stack trace. */
    static JsonNode error(Answer response, int status, String name) throws Exception {
        String body = response.body();
        assertEquals(status, response.status(), body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                response.headers() + " " + body);
        assertFalse(body.contains("<html") || body.contains("\tat ") || body.contains("Exception"), body);
        JsonNode error = JSON.readTree(body);
        assertEquals(name, error.path("error").asText(), body);
        assertEquals(status, error.path("status").asInt(), body);
        assertFalse(error.path("message").asText().isBlank(), body);
        return error;
    }

    private static Answer send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return Answer.of(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Sends bytes the JDK client would refuse to send; the server closes the connection after answering. */
    private static Answer raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return Answer.parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** An HTTP answer, from the JDK client or read off a socket. */
    record Answer(int status, HttpHeaders headers, String body) {

        static Answer of(HttpResponse<String> response) {
            return new Answer(response.statusCode(), response.headers(), response.body());
        }

        static Answer parse(String text) {
            int end = text.indexOf("\r\n\r\n");
            assertTrue(end > 0, "an HTTP answer: " + text);
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), HttpHeaders.of(headers, (name, value) -> true),
                    text.substring(end + 4));
        }
    }
}
