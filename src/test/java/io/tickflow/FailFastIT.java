package io.tickflow;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tickflow.testing.ChildJvm;
import io.tickflow.testing.Ports;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tickflow's main class, in a JVM of its own as `java -jar` runs it, stops by itself when it cannot
 * work: exit code 1, one ERROR line naming the cause and the setting or object to fix, no stack
 * trace, and no route started.
 */
class FailFastIT {

    private final SharedServers servers = SharedServers.get();
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();
    private Map<String, String> props;

    @BeforeEach
    void isolate() {
        props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        props.put("tickflow.http.host", "127.0.0.1");
    }

    @AfterEach
    void cleanUp() throws Exception {
        processes.forEach(Process::destroyForcibly);
        servers.dropIsolated(props);
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void anHttpPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            props.put("tickflow.http.port", String.valueOf(taken.getLocalPort()));
            assertEquals("Cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": address already in use (tickflow.http.port)",
                    failure());
        }
    }

    @Test
    void aSchemaStatementPostgresRefuses() throws Exception {
        String trades = props.get("tickflow.sink.postgres.trades-table");
        try (Connection c = servers.postgresConnection(); Statement s = c.createStatement()) {
            // an older table of that name, without the columns the schema indexes
            s.execute("CREATE TABLE " + trades + " (trade_id TEXT)");
        }
        assertEquals("PostgreSQL refused the schema classpath:sql/postgres-schema.sql at statement 4 (CREATE INDEX IF NOT EXISTS "
                + trades + "_symbol_time ON " + trades + " (symbol, timestamp)): ERROR: column \"symbol\" does not exist", failure());
    }

    @Test
    void noPostgresToConnectTo() throws Exception {
        props.put("tickflow.postgres.port", String.valueOf(Ports.free()));
        String failure = failure();
        assertTrue(failure.startsWith("Cannot connect to PostgreSQL to apply the schema classpath:sql/postgres-schema.sql: "
                + "postgres - Connection is not available"), failure);
        assertTrue(failure.contains("refused"), failure);
    }

    @Test
    void aQueriesFileThatDoesNotCheck() throws Exception {
        Path queries = Files.createTempFile("tickflow-queries", ".yaml");
        files.add(queries);
        Files.writeString(queries, "queries:\n  - name: broken\n    target: postgres\n    sql: SELECT 1\n    colour: red\n");
        props.put("tickflow.queries.files", "file:" + queries);
        String failure = failure();
        assertTrue(failure.startsWith("Queries file refused: file:" + queries + ": query 'broken': unknown key 'colour' (known: "),
                failure);
        assertTrue(failure.endsWith(") (tickflow.queries.files)"), failure);
    }

    @Test
    void aCorsOriginThatIsNotOne() throws Exception {
        props.put("tickflow.http.cors-origins", "https://app.example.com/dashboard");
        assertEquals("tickflow.http.cors-origins: 'https://app.example.com/dashboard' is not an origin "
                + "(scheme://host[:port], no path), nor *", failure());
    }

    /** Starts Tickflow's main class, waits for it to stop, and returns its one ERROR line's message. */
    private String failure() throws Exception {
        props.putIfAbsent("tickflow.http.port", String.valueOf(Ports.free()));
        List<String> command = ChildJvm.tickflow("512m", props);
        Path log = Files.createTempFile("tickflow-fail-fast", ".log");
        files.add(log);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "Tickflow to stop by itself");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(1, process.exitValue(), output);
        List<String> errors = output.lines().filter(line -> line.contains(" ERROR ")).toList();
        assertEquals(1, errors.size(), output);
        assertFalse(output.contains("\tat "), "no stack trace: " + output);
        assertFalse(output.contains("(tickflow) started"), "no route started: " + output);
        String line = errors.get(0);
        assertTrue(line.contains(" ERROR [main] Tickflow - "), line);
        return line.substring(line.indexOf(" - ") + 3);
    }

}
