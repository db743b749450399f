package io.tickflow.apidocs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.tickflow.testing.Await;
import io.tickflow.testing.Events;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.WebhookTests;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /api/openapi.json against the running Tickflow: valid OpenAPI 3.1 for swagger-parser, the
 * operations Camel runs and no others, a schema for every answer, security where the API key is
 * checked, and every operation's actual answers valid by the schemas the document gives them.
 */
class OpenApiDocumentIT {

    private static final SharedServers SERVERS = SharedServers.get();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String KEY = "openapi-test-key-7d1e";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    /** Values of the named queries' required parameters. */
    private static final Map<String, String> SAMPLES = Map.of("symbol", "BTC-USDT", "name", "ticker_01");

    private static Map<String, String> props;
    private static RunningTickflow app;
    private static JsonNode document;
    private static WebhookRequests receiver;

    @BeforeAll
    static void start() throws Exception {
        receiver = new WebhookRequests();
        props = WebhookTests.properties(SERVERS);
        props.put("tickflow.api-key", KEY);
        // no exchange answers there: backfill jobs started here fail their pages, offline
        props.put("tickflow.backfill.bitmex.url", "http://127.0.0.1:9/api/v1/trade/bucketed");
        app = RunningTickflow.start(props);
        HttpResponse<String> response = app.get("/api/openapi.json");
        assertEquals(200, response.statusCode(), response.body());
        document = JSON.readTree(response.body());
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        receiver.close();
        SERVERS.dropIsolated(props);
    }

    @Test
    void isValidOpenApi31ForSwaggerParser() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(JSON.writeValueAsString(document), null, options);
        assertEquals(List.of(), result.getMessages(), "swagger-parser's messages");
        assertEquals("3.1.0", result.getOpenAPI().getOpenapi());
        assertFalse(result.getOpenAPI().getServers().isEmpty(), "servers");
        assertTrue(result.getOpenAPI().getWebhooks().keySet().containsAll(List.of("tick", "trade", "quote", "liquidation",
                "candle", "webhook.test", "batch")), "webhooks: " + result.getOpenAPI().getWebhooks().keySet());
    }

    @Test
    void documentsEveryOperationCamelRunsAndNoOther() throws Exception {
        Set<String> running = new TreeSet<>();
        Model model = app.camelContext().getCamelContextExtension().getContextPlugin(Model.class);
        for (RestDefinition rest : model.getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = ((rest.getPath() == null ? "" : rest.getPath()) + "/" + (verb.getPath() == null ? "" : verb.getPath()))
                        .replaceAll("/+", "/").replaceAll("(.)/$", "$1");
                running.add(verb.asVerb().toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        JsonNode queries = JSON.readTree(app.get("/api/queries").body()).get("queries");
        queries.forEach(query -> running.add("GET /api/queries/" + query.get("name").asText()));
        assertTrue(running.size() > 30, "the REST operations and the named queries: " + running);
        assertEquals(running, new TreeSet<>(operations().keySet()));
    }

    @Test
    void everyOperationSaysWhatItAnswers() {
        Set<String> ids = new HashSet<>();
        operations().forEach((name, operation) -> {
            assertFalse(operation.path("summary").asText().isBlank(), name + " has a summary");
            assertTrue(ids.add(operation.path("operationId").asText()), name + " has an operationId of its own");
            assertEquals(1, operation.path("tags").size(), name + " has a tag");
            assertTrue(operation.has("security"), name + " says whether it needs the API key");
            boolean success = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = operation.get("responses").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> response = it.next();
                JsonNode content = response.getValue().path("content");
                if (response.getKey().startsWith("2")) {
                    success = true;
                    assertTrue(response.getKey().equals("204") || content.size() > 0, name + " " + response.getKey() + " has content");
                    content.forEach(media -> assertTrue(media.has("schema"), name + " " + response.getKey() + " has a schema"));
                } else if (response.getKey().matches("4..|5..") && content.size() > 0) {
                    JsonNode schema = content.path("application/json").path("schema");
                    assertTrue(schema.path("$ref").asText().endsWith("/Error") || response.getKey().equals("503"),
                            name + " " + response.getKey() + " is an Error: " + content);
                }
            }
            assertTrue(success, name + " documents its success");
            for (String code : List.of("400", "500")) {
                assertTrue(operation.get("responses").has(code), name + " documents " + code);
            }
        });
    }

    @Test
    void theOperationsThatNeedTheApiKeySayTheyDoAndNoOthers() throws Exception {
        JsonNode schemes = document.at("/components/securitySchemes");
        assertEquals("http", schemes.path("apiKey").path("type").asText());
        assertEquals("bearer", schemes.path("apiKey").path("scheme").asText());
        List<String> secured = new ArrayList<>();
        for (Map.Entry<String, JsonNode> operation : operations().entrySet()) {
            String[] methodAndPath = operation.getKey().split(" ", 2);
            HttpResponse<String> response = send(methodAndPath[0], sample(methodAndPath[1]), null, "{}");
            if (operation.getValue().path("security").size() > 0) {
                secured.add(operation.getKey());
                assertEquals("[{\"apiKey\":[]}]", operation.getValue().get("security").toString(), operation.getKey());
                assertEquals(401, response.statusCode(), operation.getKey() + " without the key: " + response.body());
                assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(null));
            } else {
                assertNotEquals(401, response.statusCode(), operation.getKey() + " needs no key: " + response.body());
                assertNotEquals(403, response.statusCode(), operation.getKey() + " needs no key: " + response.body());
            }
        }
        assertEquals(8 + 3, secured.size(), "the webhook and backfill APIs: " + secured);
        assertTrue(secured.stream().allMatch(name -> name.contains(" /api/webhooks") || name.contains(" /api/backfills")),
                secured.toString());
    }

    @Test
    void everyOperationAnswersAsDocumented() throws Exception {
        Set<String> answered = new TreeSet<>();
        for (String path : List.of("/api/health", "/api/health/ready", "/api/health/live", "/metrics", "/api/tickers",
                "/api/status", "/api/queries", "/api/openapi.json", "/api/asyncapi.json")) {
            answered.add(check("GET", path, path, null, null));
        }
        answered.add(check("GET", "/api/schemas", "/api/schemas", null, null));
        answered.add(check("GET", "/api/schemas/{type}", "/api/schemas/trade", null, null));
        check("GET", "/api/schemas/{type}", "/api/schemas/nope", null, null);
        answered.add(check("GET", "/api/tickers/{name}/history", "/api/tickers/ticker_01/history?limit=5", null, null));
        check("GET", "/api/tickers/{name}/history", "/api/tickers/nope/history", null, null);
        check("GET", "/api/tickers/{name}/history", "/api/tickers/ticker_01/history?limit=x", null, null);
        answered.add(check("GET", "/api/queries/{name}", "/api/queries/current_price?symbol=BTC-USDT", null, null));
        check("GET", "/api/queries/{name}", "/api/queries/current_price?symbol=BTC-USDT&format=csv", null, null);
        check("GET", "/api/queries/{name}", "/api/queries/nope", null, null);
        for (Map.Entry<String, JsonNode> operation : operations().entrySet()) {
            String path = operation.getKey().substring("GET ".length());
            if (!path.startsWith("/api/queries/") || path.contains("{")) {
                continue;
            }
            StringBuilder query = new StringBuilder("?");
            for (JsonNode parameter : operation.getValue().get("parameters")) {
                if (parameter.path("required").asBoolean()) {
                    String name = parameter.get("name").asText();
                    assertTrue(SAMPLES.containsKey(name), "a sample value for " + name + " of " + path);
                    query.append(name).append('=').append(SAMPLES.get(name)).append('&');
                }
            }
            answered.add(check("GET", path, path + query, null, null));
        }

        String url = receiver.url();
        String created = check("POST", "/api/webhooks", "/api/webhooks", KEY,
                "{\"url\":\"" + url + "\",\"eventTypes\":[\"trade\"],\"filters\":{\"symbol\":[\"BTC-USDT\"]},\"batch\":{\"maxEvents\":10}}");
        answered.add(created);
        String id = JSON.readTree(send("GET", "/api/webhooks", KEY, null).body()).get(0).get("id").asText();
        answered.add(check("GET", "/api/webhooks", "/api/webhooks", KEY, null));
        answered.add(check("GET", "/api/webhooks/{id}", "/api/webhooks/" + id, KEY, null));
        answered.add(check("PATCH", "/api/webhooks/{id}", "/api/webhooks/" + id, KEY, "{\"status\":\"paused\",\"description\":\"d\"}"));
        answered.add(check("POST", "/api/webhooks/{id}/test", "/api/webhooks/" + id + "/test", KEY, null));
        answered.add(check("GET", "/api/webhooks/{id}/deliveries", "/api/webhooks/" + id + "/deliveries?limit=5", KEY, null));
        answered.add(check("POST", "/api/webhooks/{id}/replay", "/api/webhooks/" + id
                + "/replay?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", KEY, null));
        check("POST", "/api/webhooks", "/api/webhooks", KEY, "{\"url\":\"" + url + "\",\"eventTypes\":[\"nope\"]}");
        check("GET", "/api/webhooks/{id}", "/api/webhooks/nope", KEY, null);
        check("GET", "/api/webhooks", "/api/webhooks", null, null);
        answered.add(check("DELETE", "/api/webhooks/{id}", "/api/webhooks/" + id, KEY, null));

        String backfill = "{\"exchange\":\"bitmex\",\"symbols\":[\"XBTUSD\"],\"interval\":\"1h\",\"from\":\"2024-01-01\",\"to\":\"2024-01-02\"}";
        answered.add(check("POST", "/api/backfills", "/api/backfills", KEY, backfill));
        check("POST", "/api/backfills", "/api/backfills", KEY, backfill.replace("1h", "3m"));
        check("POST", "/api/backfills", "/api/backfills", null, backfill);
        check("POST", "/api/backfills", "/api/backfills", KEY, backfill);
        String job = JSON.readTree(send("POST", "/api/backfills", KEY, backfill.replace("XBTUSD", "ETHUSD")).body()).get("id").asText();
        answered.add(check("GET", "/api/backfills/{id}", "/api/backfills/" + job, KEY, null));
        check("GET", "/api/backfills/{id}", "/api/backfills/nope", KEY, null);
        answered.add(check("DELETE", "/api/backfills/{id}", "/api/backfills/" + job, KEY, null));

        Set<String> documented = new TreeSet<>();
        operations().values().forEach(operation -> documented.add(operation.get("operationId").asText()));
        assertEquals(documented, answered, "every operation answered with success at least once");
    }

    @Test
    void eachEventSchemaIsServedAsTheApiDocumentsInlineIt() throws Exception {
        JsonNode asyncApi = JSON.readTree(app.get("/api/asyncapi.json").body());
        JsonNode list = JSON.readTree(app.get("/api/schemas").body()).get("schemas");
        List<String> types = new ArrayList<>();
        for (JsonNode entry : list) {
            types.add(entry.get("type").asText());
            HttpResponse<String> schema = app.get(entry.get("path").asText());
            assertEquals(200, schema.statusCode(), schema.body());
            assertEquals("application/json", schema.headers().firstValue("Content-Type").orElse("").replaceFirst(";.*", ""));
            assertEquals(asyncApi.at("/components/schemas/" + entry.get("type").asText()), JSON.readTree(schema.body()),
                    entry + " is the schema the AsyncAPI document inlines");
            JsonNode inOpenApi = document.at("/components/schemas/" + entry.get("type").asText());
            assertTrue(inOpenApi.isMissingNode() || inOpenApi.equals(JSON.readTree(schema.body())), entry + " in the OpenAPI document");
        }
        assertEquals(List.of("tick", "trade", "quote", "liquidation", "candle", "gap", "deadletter"), types);
        HttpResponse<String> unknown = app.get("/api/schemas/nope");
        assertEquals(404, unknown.statusCode());
        assertEquals("not_found", JSON.readTree(unknown.body()).get("error").asText(), unknown.body());
    }

    @Test
    void webhookRequestsAreAsTheWebhooksSectionSays() throws Exception {
        String ticker = "openapi_" + System.nanoTime();
        String filter = ",\"filters\":{\"name\":\"" + ticker + "\"}";
        for (String batch : List.of("", ",\"batch\":{\"maxEvents\":5}")) {
            HttpResponse<String> created = send("POST", "/api/webhooks", KEY, "{\"url\":\"" + receiver.url() + "?" + ticker
                    + "\",\"eventTypes\":[\"tick\"]" + filter + batch + "}");
            assertEquals(201, created.statusCode(), created.body());
            if (batch.isEmpty()) {
                String id = JSON.readTree(created.body()).get("id").asText();
                assertEquals(202, send("POST", "/api/webhooks/" + id + "/test", KEY, null).statusCode());
            }
        }
        Events.send(SERVERS.kafkaBootstrap(), props.get("tickflow.simulator.topic"), ticker,
                List.of("{\"name\":\"" + ticker + "\",\"value\":1,\"time\":\"2026-11-25T20:22:34.965088Z\"}"));
        Await.until(Duration.ofSeconds(30), "a tick, a batch and the test event", () -> receiver.types(ticker).containsAll(
                List.of("tick", "batch", "webhook.test")));
        for (WebhookRequests.Request request : receiver.requests(ticker)) {
            JsonNode body = JSON.readTree(request.body());
            JsonNode webhook = document.path("webhooks").path(body.path("type").asText()).path("post");
            assertTrue(webhook.isObject(), "documented: " + request.body());
            SchemaCheck.assertValid("webhook request", document, webhook.at("/requestBody/content/application~1json/schema"),
                    body, SpecVersion.VersionFlag.V202012);
            for (JsonNode header : webhook.get("parameters")) {
                assertTrue(request.headers().containsKey(header.get("name").asText()), header + " in " + request.headers());
            }
        }
    }

    /**
     * Sends a request and checks its answer against the document: the status and content type are
     * documented for the operation, and a JSON body is valid by its schema. Returns the operationId.
     */
    private static String check(String method, String template, String pathAndQuery, String key, String body) throws Exception {
        JsonNode operation = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        assertTrue(operation.isObject(), method + " " + template + " is documented");
        HttpResponse<String> response = send(method, pathAndQuery, key, body);
        String what = method + " " + pathAndQuery + " answered " + response.statusCode() + " " + response.body();
        if (response.statusCode() < 300) {
            Set<String> sent = new HashSet<>();
            String query = URI.create(pathAndQuery).getRawQuery();
            for (String pair : query == null ? new String[0] : query.split("&")) {
                if (!pair.isEmpty()) {
                    sent.add(pair.split("=", 2)[0]);
                }
            }
            Set<String> known = new HashSet<>();
            for (JsonNode parameter : operation.path("parameters")) {
                if (parameter.path("in").asText().equals("query")) {
                    known.add(parameter.get("name").asText());
                    assertTrue(!parameter.path("required").asBoolean() || sent.contains(parameter.get("name").asText()),
                            what + ": answered without the required " + parameter);
                }
            }
            // the generic query path takes each query's own parameters, documented under the query's path
            assertTrue(known.containsAll(sent) || template.equals("/api/queries/{name}"),
                    what + ": sent parameters " + sent + ", documented " + known);
        }
        JsonNode documented = operation.path("responses").path(String.valueOf(response.statusCode()));
        assertTrue(documented.isObject(), what + ": status not documented");
        if (response.statusCode() == 204) {
            assertFalse(documented.has("content"), what);
            return operation.get("operationId").asText();
        }
        String type = response.headers().firstValue("Content-Type").orElse("").replaceFirst(";.*", "").trim();
        JsonNode media = documented.path("content").path(type);
        assertTrue(media.isObject(), what + ": content type " + type + " not documented: " + documented);
        if (type.contains("json")) {
            SchemaCheck.assertValid(what, document, media.get("schema"), JSON.readTree(response.body()), SpecVersion.VersionFlag.V202012);
        }
        return response.statusCode() < 300 ? operation.get("operationId").asText() : "error of " + template;
    }

    /** The document's operations by "METHOD path". */
    private static Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new TreeMap<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (METHODS.contains(operation.getKey())) {
                operations.put(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), operation.getValue());
            }
        }));
        return operations;
    }

    private static String sample(String template) {
        return template.replace("/queries/{name}", "/queries/current_price").replace("{name}", "ticker_01").replaceAll("\\{[^}]+}", "x");
    }

    private static HttpResponse<String> send(String method, String pathAndQuery, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
