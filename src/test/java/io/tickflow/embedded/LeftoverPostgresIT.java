package io.tickflow.embedded;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kill -9 of the JVM leaves the embedded PostgreSQL running; the next start stops it and starts its own. */
class LeftoverPostgresIT {

    @Test
    void aPostgresLeftByAKilledTickflowIsStoppedOnTheNextStart() throws Exception {
        Path dataDir = Files.createTempDirectory("leftover-postgres");
        int oldPort = freePort();
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

            int newPort = freePort();
            try (EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDir, newPort).start()) {
                assertFalse(leftover.isAlive(), "the leftover server was stopped");
                assertFalse(answers(oldPort), "nothing listens on the old port any more");
                assertTrue(answers(newPort), "the new server answers on its own port");
            }
            assertTrue(LeftoverPostgres.running(dataDir.resolve("postgres")).isEmpty(), "a clean stop leaves nothing running");
        } finally {
            child.destroyForcibly();
            LeftoverPostgres.stopIfRunning(dataDir.resolve("postgres"));
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
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
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).collect(Collectors.joining(File.pathSeparator));
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp", classpath,
                PostgresChild.class.getName(), dataDir.toString(), String.valueOf(port));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
