package io.tickflow.query;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.testing.RunningTickflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls named queries on a running Tickflow and reads their JSON answers, decimals exact. */
final class ApiResponses {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private ApiResponses() {
    }

    static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "JSON content type: " + response.headers());
        String body = response.body();
        assertFalse(body.contains("\tat ") || body.contains("Exception"), "no stack trace: " + body);
        return JSON.readTree(body);
    }

    /** Runs a query with parameters given as name, value, name, value...; expects 200. */
    static JsonNode query(RunningTickflow app, String name, String... parameters) throws Exception {
        return json(app.get(path(name, parameters)), 200);
    }

    static String path(String name, String... parameters) {
        StringBuilder path = new StringBuilder("/api/queries/" + name);
        for (int i = 0; i < parameters.length; i += 2) {
            path.append(i == 0 ? '?' : '&').append(parameters[i]).append('=')
                    .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        return path.toString();
    }

    /** The rows of a query answer as lists of texts (numbers in plain notation), for comparison. */
    static List<List<String>> rows(JsonNode body) {
        List<List<String>> rows = new ArrayList<>();
        body.get("rows").forEach(row -> {
            List<String> values = new ArrayList<>();
            row.forEach(v -> values.add(v.isNull() ? null : v.isNumber() ? v.decimalValue().stripTrailingZeros().toPlainString() : v.asText()));
            rows.add(values);
        });
        assertEquals(rows.size(), body.get("count").asInt(), "count");
        return rows;
    }

    static void assertError(HttpResponse<String> response, int status, String error, String parameter) throws Exception {
        JsonNode body = json(response, status);
        assertEquals(error, body.get("error").asText(), body.toString());
        assertEquals(status, body.get("status").asInt());
        if (parameter != null) {
            assertEquals(parameter, body.get("parameter").asText(), body.toString());
            assertTrue(body.get("message").asText().contains(parameter), body.toString());
        }
    }
}
