package io.tickflow.query;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.Test;

import static io.tickflow.query.ApiResponses.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Edits to a queries file are served without a restart; an invalid edit keeps the previous queries. */
class QueriesFileReloadIT {

    private static final SharedServers SERVERS = SharedServers.get();

    @Test
    void editsArePickedUpAndAnInvalidFileIsRefused() throws Exception {
        Path file = Files.createTempFile("queries", ".yaml");
        Files.writeString(file, query("answer", "SELECT 42 AS answer"));
        Map<String, String> props = new HashMap<>(SERVERS.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        props.put("tickflow.queries.files", "file:" + file);
        props.put("tickflow.queries.reload-period-ms", "100");
        try (RunningTickflow app = RunningTickflow.start(props)) {
            assertEquals(List.of(List.of("42")), rows(ApiResponses.query(app, "answer")));

            Files.writeString(file, query("answer", "SELECT 43 AS answer") + query("other", "SELECT 'x' AS other").replace("queries:\n", ""));
            Await.until(Duration.ofSeconds(20), "the edit to be served",
                    () -> app.get("/api/queries/other").statusCode() == 200);
            assertEquals(List.of(List.of("43")), rows(ApiResponses.query(app, "answer")));

            Files.writeString(file, query("answer", "SELECT :undeclared AS answer"));
            // the file may be read half-written first: that is refused too, then the whole file
            Await.until(Duration.ofSeconds(20), "the invalid file to be refused",
                    () -> ApiResponses.json(app.get("/api/queries"), 200).path("reloadError").asText().contains(":undeclared"));
            JsonNode list = ApiResponses.json(app.get("/api/queries"), 200);
            String error = list.get("reloadError").asText();
            assertTrue(error.contains("'answer'") && error.contains(":undeclared"), error);
            assertEquals(2, list.get("count").asInt(), "the previous queries are still listed");
            assertEquals(List.of(List.of("43")), rows(ApiResponses.query(app, "answer")));
            assertEquals(List.of(List.of("x")), rows(ApiResponses.query(app, "other")));

            Files.writeString(file, query("answer", "SELECT 44 AS answer"));
            Await.until(Duration.ofSeconds(20), "the fixed file to be served",
                    () -> app.get("/api/queries/other").statusCode() == 404);
            assertEquals(List.of(List.of("44")), rows(ApiResponses.query(app, "answer")));
            assertTrue(!ApiResponses.json(app.get("/api/queries"), 200).has("reloadError"), "the error is cleared");
        } finally {
            SERVERS.dropIsolated(props);
            Files.deleteIfExists(file);
        }
    }

    private static String query(String name, String sql) {
        return "queries:\n  - name: " + name + "\n    description: test\n    target: postgres\n    sql: " + sql + "\n";
    }
}
