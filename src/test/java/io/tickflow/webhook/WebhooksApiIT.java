package io.tickflow.webhook;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.WebhookTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/webhooks with an API key configured and private targets refused (the defaults). */
class WebhooksApiIT {

    private static final SharedServers SERVERS = SharedServers.get();
    private static final String KEY = "test-key-7f3a";
    // a public address, so allowed; its attempts fail offline and nothing here waits for them
    private static final String PUBLIC_URL = "https://1.1.1.1/hooks/tickflow";

    private static Map<String, String> props;
    private static RunningTickflow app;
    private static WebhooksClient api;

    @BeforeAll
    static void start() throws Exception {
        props = WebhookTests.properties(SERVERS);
        props.put("tickflow.webhooks.allow-private-targets", "false");
        props.put("tickflow.api-key", KEY);
        app = RunningTickflow.start(props);
        api = new WebhooksClient(app, KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        SERVERS.dropIsolated(props);
    }

    @Test
    void requiresTheApiKey() throws Exception {
        HttpResponse<String> none = new WebhooksClient(app, null).call("GET", "/api/webhooks", null);
        assertEquals(401, none.statusCode());
        assertEquals("unauthorized", WebhooksClient.JSON.readTree(none.body()).get("error").asText());
        assertEquals(401, new WebhooksClient(app, "wrong").call("GET", "/api/webhooks", null).statusCode());
        assertEquals(401, new WebhooksClient(app, "wrong").call("POST", "/api/webhooks",
                "{\"url\":\"" + PUBLIC_URL + "\",\"eventTypes\":[\"trade\"]}").statusCode());
        api.json("GET", "/api/webhooks", null, 200);
    }

    @Test
    void createsASubscriptionWhoseSecretIsShownOnce() throws Exception {
        JsonNode created = api.json("POST", "/api/webhooks", "{\"url\":\"" + PUBLIC_URL + "\",\"eventTypes\":[\"liquidation\"],"
                + "\"filters\":{\"symbol\":\"BTC-USDT\",\"conditions\":[{\"field\":\"amount\",\"op\":\">=\",\"value\":5}]},"
                + "\"description\":\"big BTC liquidations\"}", 201);
        String id = created.get("id").asText();
        assertTrue(id.startsWith("sub_"));
        assertTrue(created.get("secret").asText().startsWith("whsec_"));
        assertEquals("active", created.get("status").asText());
        assertEquals("BTC-USDT", created.at("/filters/symbol").asText());

        JsonNode fetched = api.json("GET", "/api/webhooks/" + id, null, 200);
        assertFalse(fetched.has("secret"));
        assertEquals("big BTC liquidations", fetched.get("description").asText());
        assertEquals(PUBLIC_URL, fetched.get("url").asText());
        JsonNode listed = api.json("GET", "/api/webhooks", null, 200);
        boolean found = false;
        for (JsonNode subscription : listed) {
            assertFalse(subscription.has("secret"));
            found |= subscription.get("id").asText().equals(id);
        }
        assertTrue(found);
    }

    @Test
    void badSubscriptionsGet400NamingTheField() throws Exception {
        assertBadField("{\"eventTypes\":[\"trade\"]}", "url");
        assertBadField("{\"url\":\"ftp://203.0.113.10/x\",\"eventTypes\":[\"trade\"]}", "url");
        assertBadField("{\"url\":\"not a url\",\"eventTypes\":[\"trade\"]}", "url");
        assertBadField("{\"url\":\"http://127.0.0.1:9/x\",\"eventTypes\":[\"trade\"]}", "url");
        assertBadField("{\"url\":\"http://10.1.2.3/x\",\"eventTypes\":[\"trade\"]}", "url");
        assertBadField("{\"url\":\"http://[::1]/x\",\"eventTypes\":[\"trade\"]}", "url");
        assertBadField("{\"url\":\"" + PUBLIC_URL + "\"}", "eventTypes");
        assertBadField("{\"url\":\"" + PUBLIC_URL + "\",\"eventTypes\":[\"trades\"]}", "eventTypes");
        assertBadField("{\"url\":\"" + PUBLIC_URL + "\",\"eventTypes\":[]}", "eventTypes");
        assertBadField("{\"url\":\"" + PUBLIC_URL + "\",\"eventTypes\":[\"trade\"],\"filters\":{\"colour\":\"red\"}}", "filters.colour");
        assertBadField("{\"url\":\"" + PUBLIC_URL + "\",\"eventTypes\":[\"trade\"],\"filters\":{\"conditions\":"
                + "[{\"field\":\"amount\",\"op\":\"~\",\"value\":1}]}}", "filters.conditions[0].op");
        assertBadField("{\"url\":\"" + PUBLIC_URL + "\",\"eventTypes\":[\"trade\"],\"filters\":{\"conditions\":"
                + "[{\"field\":\"amount\",\"op\":\">\",\"value\":\"big\"}]}}", "filters.conditions[0].value");
        assertBadField("{\"url\":\"" + PUBLIC_URL + "\",\"eventTypes\":[\"trade\"],\"colour\":\"red\"}", "colour");
        assertBadField("{\"url\": ", "body");
        JsonNode privateTarget = api.json("POST", "/api/webhooks", "{\"url\":\"http://192.168.1.20/x\",\"eventTypes\":[\"trade\"]}", 400);
        assertTrue(privateTarget.get("message").asText().contains("private"), privateTarget.toString());
    }

    @Test
    void patchPausesResumesAndChangesFilters() throws Exception {
        String id = create();
        assertEquals("paused", api.json("PATCH", "/api/webhooks/" + id, "{\"status\":\"paused\"}", 200).get("status").asText());
        JsonNode changed = api.json("PATCH", "/api/webhooks/" + id,
                "{\"status\":\"active\",\"filters\":{\"exchange\":[\"binance\",\"okx\"]},\"eventTypes\":[\"trade\",\"quote\"]}", 200);
        assertEquals("active", changed.get("status").asText());
        assertEquals("okx", changed.at("/filters/exchange/1").asText());
        assertEquals(2, changed.get("eventTypes").size());
        assertEquals("status", api.json("PATCH", "/api/webhooks/" + id, "{\"status\":\"disabled\"}", 400).get("parameter").asText());
        assertEquals("url", api.json("PATCH", "/api/webhooks/" + id, "{\"url\":\"http://127.0.0.1/x\"}", 400).get("parameter").asText());
        api.json("PATCH", "/api/webhooks/sub_nope", "{\"status\":\"paused\"}", 404);
    }

    @Test
    void batchingIsAnOptionCheckedOnCreateAndPatch() throws Exception {
        String base = "{\"url\":\"" + PUBLIC_URL + "\",\"eventTypes\":[\"trade\"],\"batch\":";
        JsonNode created = api.json("POST", "/api/webhooks", base + "{\"maxEvents\":100}}", 201);
        assertEquals(100, created.at("/batch/maxEvents").asInt());
        String id = created.get("id").asText();
        assertTrue(api.json("GET", "/api/webhooks/" + create(), null, 200).get("batch").isNull(), "off by default");

        assertEquals(5, api.json("PATCH", "/api/webhooks/" + id, "{\"batch\":{\"maxEvents\":5}}", 200).at("/batch/maxEvents").asInt());
        assertEquals("trade", api.json("PATCH", "/api/webhooks/" + id, "{\"description\":\"x\"}", 200).at("/eventTypes/0").asText());
        assertEquals(5, api.json("GET", "/api/webhooks/" + id, null, 200).at("/batch/maxEvents").asInt(), "kept by other changes");
        assertTrue(api.json("PATCH", "/api/webhooks/" + id, "{\"batch\":null}", 200).get("batch").isNull(), "null turns it off");

        assertBadField(base + "{\"maxEvents\":0}}", "batch.maxEvents");
        assertBadField(base + "{\"maxEvents\":1001}}", "batch.maxEvents");
        assertBadField(base + "{\"maxEvents\":2.5}}", "batch.maxEvents");
        assertBadField(base + "{\"maxEvents\":\"10\"}}", "batch.maxEvents");
        assertBadField(base + "{}}", "batch.maxEvents");
        assertBadField(base + "{\"maxEvents\":10,\"maxWaitMs\":5}}", "batch.maxWaitMs");
        assertBadField(base + "true}", "batch");
        assertEquals("batch.maxEvents", api.json("PATCH", "/api/webhooks/" + id, "{\"batch\":{\"maxEvents\":-1}}", 400)
                .get("parameter").asText());
    }

    @Test
    void deleteRemovesTheSubscription() throws Exception {
        String id = create();
        api.json("DELETE", "/api/webhooks/" + id, null, 204);
        assertEquals("not_found", api.json("GET", "/api/webhooks/" + id, null, 404).get("error").asText());
        api.json("DELETE", "/api/webhooks/" + id, null, 404);
    }

    @Test
    void unknownSubscriptionsAndBadParametersOfTheOtherOperations() throws Exception {
        api.json("POST", "/api/webhooks/sub_nope/test", null, 404);
        api.json("GET", "/api/webhooks/sub_nope/deliveries", null, 404);
        api.json("POST", "/api/webhooks/sub_nope/replay?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", null, 404);
        String id = create();
        assertEquals(0, api.json("GET", "/api/webhooks/" + id + "/deliveries", null, 200).get("attempts").size());
        assertEquals("limit", api.json("GET", "/api/webhooks/" + id + "/deliveries?limit=0", null, 400).get("parameter").asText());
        assertEquals("to", api.json("POST", "/api/webhooks/" + id + "/replay?from=2026-01-01T00:00:00Z", null, 400)
                .get("parameter").asText());
        assertEquals(0, api.json("POST", "/api/webhooks/" + id + "/replay?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z",
                null, 202).get("replayed").asInt());
    }

    private static String create() throws Exception {
        return api.json("POST", "/api/webhooks", "{\"url\":\"" + PUBLIC_URL + "\",\"eventTypes\":[\"trade\"]}", 201)
                .get("id").asText();
    }

    private static void assertBadField(String body, String field) throws Exception {
        JsonNode error = api.json("POST", "/api/webhooks", body, 400);
        assertEquals("bad_parameter", error.get("error").asText(), body);
        assertEquals(field, error.get("parameter").asText(), body);
    }
}
