package io.tickflow.http;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.WebhookTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CORS with tickflow.http.cors-origins set: the listed origins get their preflights answered with the
 * path's methods and the headers a call may send, and answers they can read (errors included); any
 * other origin gets no Access-Control-* header; and no request data becomes one.
 */
class CorsIT {

    private static final SharedServers SERVERS = SharedServers.get();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String DASHBOARD = "https://app.example.com";
    private static final String LOCAL = "http://localhost:3000";
    private static final String ELSEWHERE = "https://elsewhere.example";
    /** What CORS adds to {@link HttpHardeningIT#ALLOWED}, lower case. */
    private static final Set<String> CORS_HEADERS = Set.of("access-control-allow-origin", "access-control-expose-headers",
            "access-control-allow-methods", "access-control-allow-headers", "access-control-max-age", "vary");

    private static Map<String, String> props;
    private static RunningTickflow app;

    @BeforeAll
    static void start() throws Exception {
        props = WebhookTests.properties(SERVERS);
        // spelled as a person might: the origin is compared as browsers send it
        props.put("tickflow.http.cors-origins", "HTTPS://App.Example.com:443, " + LOCAL);
        app = RunningTickflow.start(props);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        SERVERS.dropIsolated(props);
    }

    @Test
    void aPreflightFromAListedOriginGetsThePathsMethodsAndTheHeadersACallMaySend() throws Exception {
        HttpResponse<String> response = preflight("/api/webhooks/sub_x", DASHBOARD, "PATCH");
        assertEquals(204, response.statusCode());
        HttpHeaders headers = response.headers();
        assertEquals(DASHBOARD, headers.firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("DELETE, GET, PATCH", headers.firstValue("Access-Control-Allow-Methods").orElse(null));
        assertEquals("Authorization, Content-Type", headers.firstValue("Access-Control-Allow-Headers").orElse(null));
        assertEquals("600", headers.firstValue("Access-Control-Max-Age").orElse(null));
        assertTrue(headers.allValues("Vary").contains("origin"), headers.toString());

        HttpResponse<String> tickers = preflight("/api/tickers", LOCAL, "GET");
        assertEquals(204, tickers.statusCode());
        assertEquals(LOCAL, tickers.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("GET", tickers.headers().firstValue("Access-Control-Allow-Methods").orElse(null));
    }

    @Test
    void anyOtherOriginGetsNoAccessControlHeaderButIsServed() throws Exception {
        for (String origin : List.of(ELSEWHERE, "http://app.example.com", "https://app.example.com:8443", "null")) {
            HttpResponse<String> response = preflight("/api/webhooks/sub_x", origin, "PATCH");
            assertNoAccessControlHeader(origin, response.headers());
            assertEquals("DELETE, GET, HEAD, OPTIONS, PATCH", response.headers().firstValue("Allow").orElse(null));
        }
        // a page of Tickflow's own origin, a WebSocket handshake or curl send an Origin too
        HttpResponse<String> response = send("GET", "/api/tickers", Map.of("Origin", ELSEWHERE));
        assertEquals(200, response.statusCode());
        assertNoAccessControlHeader(ELSEWHERE, response.headers());
    }

    @Test
    void aListedOriginCanReadAnswersAndErrors() throws Exception {
        for (String path : List.of("/api/tickers", "/nope", "/api/queries/no_such_query")) {
            HttpResponse<String> response = send("GET", path, Map.of("Origin", DASHBOARD));
            assertEquals(DASHBOARD, response.headers().firstValue("Access-Control-Allow-Origin").orElse(null), path);
            assertEquals("Content-Disposition, Location, Retry-After, WWW-Authenticate",
                    response.headers().firstValue("Access-Control-Expose-Headers").orElse(null), path);
        }
        HttpResponse<String> unknown = preflight("/nope", DASHBOARD, "GET");
        assertEquals(404, unknown.statusCode());
        assertEquals(DASHBOARD, unknown.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void requestDataNeverBecomesACorsHeader() throws Exception {
        Set<String> allowed = new HashSet<>(HttpHardeningIT.ALLOWED);
        allowed.addAll(CORS_HEADERS);
        StringBuilder query = new StringBuilder("?");
        HttpHardeningIT.HEADER_NAMES.forEach(name -> query.append(name).append('=').append(HttpHardeningIT.MARK).append('&'));
        query.append("Access-Control-Allow-Methods=").append(HttpHardeningIT.MARK)
                .append("&Access-Control-Expose-Headers=").append(HttpHardeningIT.MARK);
        for (String[] operation : HttpHardeningIT.operations(app.camelContext())) {
            for (String method : new String[] {operation[0], "OPTIONS"}) {
                HttpResponse<String> response = send(method, operation[1] + query, Map.of("Origin", DASHBOARD,
                        "Access-Control-Request-Method", operation[0], "Access-Control-Request-Headers", HttpHardeningIT.MARK));
                response.headers().map().forEach((name, values) -> {
                    if (name.startsWith(":")) {
                        return; // HTTP/2 pseudo-headers the JDK client lists, not sent by the server as headers
                    }
                    assertTrue(allowed.contains(name.toLowerCase(Locale.ROOT)), method + " " + operation[1] + " sent " + name);
                    values.forEach(value -> assertFalse(value.contains(HttpHardeningIT.MARK),
                            method + " " + operation[1] + " reflected request data in " + name + ": " + value));
                });
                assertEquals(List.of(DASHBOARD), response.headers().allValues("Access-Control-Allow-Origin"), operation[1]);
            }
        }
    }

    private static void assertNoAccessControlHeader(String origin, HttpHeaders headers) {
        headers.map().keySet().forEach(name -> assertFalse(name.toLowerCase(Locale.ROOT).startsWith("access-control-"),
                origin + " got " + name + ": " + headers.map()));
    }

    private static HttpResponse<String> preflight(String path, String origin, String method) throws Exception {
        return send("OPTIONS", path, Map.of("Origin", origin, "Access-Control-Request-Method", method,
                "Access-Control-Request-Headers", "authorization, content-type"));
    }

    private static HttpResponse<String> send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
