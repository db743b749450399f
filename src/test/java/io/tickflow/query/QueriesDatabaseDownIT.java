package io.tickflow.query;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.embedded.EmbeddedQuestDb;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.Test;

import static io.tickflow.query.ApiResponses.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A named query whose database is down answers 503 naming the database; the other database still answers. */
class QueriesDatabaseDownIT {

    @Test
    void questDbDownIs503NamingIt() throws Exception {
        SharedServers servers = SharedServers.get();
        Map<String, String> props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        // a QuestDB of this test's own, so stopping it disturbs no other test
        EmbeddedQuestDb questdb = new EmbeddedQuestDb(Files.createTempDirectory("queries-questdb"), 0, 0).start();
        props.put("tickflow.questdb.http-port", String.valueOf(questdb.httpPort()));
        props.put("tickflow.questdb.pg-port", String.valueOf(questdb.pgPort()));
        try (RunningTickflow app = RunningTickflow.start(props)) {
            // empty tables: QuestDB answers max() of an empty table with no row
            assertEquals(List.of(), rows(ApiResponses.query(app, "latest_timestamp")));

            questdb.close();

            JsonNode body = ApiResponses.json(app.get("/api/queries/latest_timestamp"), 503);
            assertEquals("database_unavailable", body.get("error").asText());
            assertTrue(body.get("message").asText().contains("questdb"), body.toString());
            assertEquals(4, rows(ApiResponses.query(app, "latest_timestamp_postgres")).size());
        } finally {
            questdb.close();
            servers.dropAll(List.of(), List.of(),
                    props.entrySet().stream().filter(e -> e.getKey().startsWith("tickflow.sink.postgres."))
                            .filter(e -> e.getKey().endsWith("-table")).map(Map.Entry::getValue).toList());
        }
    }
}
