package io.tickflow.embedded;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tickflow.testing.ChildJvm;
import io.tickflow.testing.Ports;
import io.tickflow.testing.TempDirs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kill -9 of the JVM leaves the embedded PostgreSQL running; the next start stops it and starts its own. */
class LeftoverPostgresIT {

    @Test
    void aPostgresLeftByAKilledTickflowIsStoppedOnTheNextStart() throws Exception {
        Path dataDir = Files.createTempDirectory("leftover-postgres");
        int oldPort = Ports.free();
        Process child = new ProcessBuilder(javaCommand(dataDir, oldPort)).redirectErrorStream(true).start();
        try {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null && !line.equals("ready")) {
                    // the child's log, until it says the server is up
                }
                assertEquals("ready", line, "the child JVM started PostgreSQL");
            }
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            ProcessHandle leftover = LeftoverPostgres.running(dataDir.resolve("postgres")).orElseThrow(
                    () -> new AssertionError("kill -9 of the JVM was expected to leave PostgreSQL running"));

            int newPort = Ports.free();
            try (EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDir, newPort).start()) {
                assertFalse(leftover.isAlive(), "the leftover server was stopped");
                assertFalse(answers(oldPort), "nothing listens on the old port any more");
                assertTrue(answers(newPort), "the new server answers on its own port");
            }
            assertTrue(LeftoverPostgres.running(dataDir.resolve("postgres")).isEmpty(), "a clean stop leaves nothing running");
        } finally {
            child.destroyForcibly();
            LeftoverPostgres.stopIfRunning(dataDir.resolve("postgres"));
            TempDirs.delete(dataDir);
        }
    }

    private static boolean answers(int port) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "postgres");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            return rs.next();
        } catch (Exception e) {
            return false;
        }
    }

    private static List<String> javaCommand(Path dataDir, int port) {
        return List.of(ChildJvm.java(), "-Xmx256m", "-cp", ChildJvm.classpath(),
                PostgresChild.class.getName(), dataDir.toString(), String.valueOf(port));
    }

}
