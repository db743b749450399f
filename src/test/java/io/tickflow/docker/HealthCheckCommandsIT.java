package io.tickflow.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.questdb.ServerMain;
import io.tickflow.testing.Await;
import io.tickflow.testing.Ports;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.TempDirs;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The health checks are the part of the Docker files that can run without an engine: the
 * compose file's QuestDB check (bash alone) against the health endpoint of a real QuestDB of the
 * image's version, and the image's own check (curl) against a running Tickflow.
 */
class HealthCheckCommandsIT {

    @Test
    @SuppressWarnings("unchecked")
    void questDbCheckPassesOnceQuestDbsHealthEndpointAnswers() throws Exception {
        Map<String, Object> questdb = DockerFiles.services().get("questdb");
        List<String> test = (List<String>) ((Map<String, Object>) questdb.get("healthcheck")).get("test");
        assertEquals(List.of("CMD", "bash", "-c"), test.subList(0, 3));
        int port = Ports.free();
        // compose writes a $ as $$; the container's port 9003 is a free one here
        String script = test.get(3).replace("$$", "$").replace("/dev/tcp/127.0.0.1/9003", "/dev/tcp/127.0.0.1/" + port);
        assertNotEquals(script, test.get(3).replace("$$", "$"), "the check asks port 9003");

        assertNotEquals(0, run(List.of("bash", "-c", script), Map.of()), "fails while nothing listens");
        Path root = Files.createTempDirectory("questdb-health");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("QDB_HTTP_MIN_ENABLED", "true");
        env.put("QDB_HTTP_MIN_BIND_TO", "127.0.0.1:" + port);
        env.put("QDB_HTTP_ENABLED", "false");
        env.put("QDB_PG_ENABLED", "false");
        env.put("QDB_LINE_TCP_ENABLED", "false");
        env.put("QDB_LINE_UDP_ENABLED", "false");
        env.put("QDB_TELEMETRY_ENABLED", "false");
        try (ServerMain server = ServerMain.create(root.toString(), env)) {
            server.start();
            Await.until(ofSeconds(30), "the QuestDB check to pass", () -> run(List.of("bash", "-c", script), Map.of()) == 0);
        } finally {
            TempDirs.delete(root);
        }
    }

    @Test
    void imageCheckPassesWhileTickflowIsHealthyAndFailsOtherwise() throws Exception {
        String check = DockerFiles.instructions("HEALTHCHECK").get(0);
        assertTrue(check.contains("${TICKFLOW_HTTP_PORT:-8080}"), "the check follows the configured port");
        List<String> command = List.of("sh", "-c", check.substring(check.indexOf("CMD ") + 4));
        SharedServers servers = SharedServers.get();
        Map<String, String> props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.count", "1");
        props.put("tickflow.market-simulator.enabled", "false");
        try (RunningTickflow app = RunningTickflow.start(props)) {
            Map<String, String> env = Map.of("TICKFLOW_HTTP_PORT", String.valueOf(app.port()));
            Await.until(ofSeconds(60), "the image's check to pass", () -> run(command, env) == 0);
            app.camelContext().getRouteController().stopRoute("ticker-simulator-to-kafka");
            assertEquals(503, app.get("/api/health").statusCode());
            assertNotEquals(0, run(command, env), "fails while /api/health answers 503");
        } finally {
            servers.dropIsolated(props);
        }
        assertNotEquals(0, run(command, Map.of("TICKFLOW_HTTP_PORT", String.valueOf(Ports.free()))), "fails while nothing listens");
    }

    /** The command's exit code; -1 if it took longer than a health check's timeout. */
    private static int run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

}
