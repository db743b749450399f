package io.tickflow;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.testing.Await;
import io.tickflow.testing.ChildJvm;
import io.tickflow.testing.Metrics;
import io.tickflow.testing.TempDirs;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Logs are text by default and JSON lines when TICKFLOW_LOG_FORMAT or -Dtickflow.log.format says
 * json. Logging is set up once per JVM, so each case runs in a JVM of its own; so does Tickflow
 * itself when the test is that all of a start and a stop is JSON.
 */
class LogFormatIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the child JVM runs: one warning with an exception. */
    public static final class OneWarning {
        public static void main(String[] args) {
            LoggerFactory.getLogger(LogFormatIT.class).warn("hello {}", "world", new IllegalStateException("boom"));
        }
    }

    @Test
    void textByDefault() throws Exception {
        List<String> lines = run(null, null);
        assertTrue(lines.get(0).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[main\\] LogFormatIT - hello world"), lines.get(0));
        assertTrue(lines.stream().anyMatch(line -> line.contains("IllegalStateException: boom")), lines.toString());
    }

    @Test
    void jsonLinesFromTheEnvironmentVariable() throws Exception {
        List<String> lines = run("json", null);
        assertEquals(1, lines.size(), "one line per event, the stack trace inside it: " + lines);
        JsonNode event = JSON.readTree(lines.get(0));
        assertEquals("hello world", event.get("message").asText());
        assertEquals("WARN", event.get("log.level").asText());
        assertEquals(LogFormatIT.class.getName(), event.get("log.logger").asText());
        assertEquals("tickflow", event.get("service.name").asText());
        assertEquals("java.lang.IllegalStateException", event.get("error.type").asText());
        assertTrue(event.get("error.stack_trace").asText().contains("OneWarning.main"), event.toString());
        assertTrue(event.get("@timestamp").asText().endsWith("Z"), event.toString());
    }

    @Test
    void anUnknownFormatIsText() throws Exception {
        List<String> lines = run("yaml", null);
        assertTrue(lines.get(0).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[main\\] LogFormatIT - hello world"), lines.toString());
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment() throws Exception {
        assertFalse(run("json", "text").get(0).startsWith("{"));
        assertTrue(run("text", "json").get(0).startsWith("{"));
    }

    /**
     * A first start of Tickflow on its embedded servers (fresh data directory, topics that do not
     * exist yet) and a stop by SIGTERM, as with Ctrl-C: every line it writes, QuestDB's included,
     * is a JSON log event; Kafka warns about nothing; QuestDB's OS-limit notice is at most one INFO
     * line; Camel logs its shutdown summary once, after the only shutdown hook (Tickflow's) began.
     */
    @Test
    void aFirstStartAndAStopOfTickflowAreAllJson() throws Exception {
        Path dataDir = Files.createTempDirectory("tickflow-log-format");
        int httpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            httpPort = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.java(), "-Xmx768m", "-cp", ChildJvm.classpath(), Tickflow.class.getName())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("TICKFLOW_LOG_FORMAT", "json");
        env.put("TICKFLOW_DATA_DIR", dataDir.toString());
        env.put("TICKFLOW_HTTP_HOST", "127.0.0.1");
        env.put("TICKFLOW_HTTP_PORT", String.valueOf(httpPort));
        for (String port : List.of("KAFKA_EMBEDDED_PORT", "KAFKA_EMBEDDED_CONTROLLER_PORT", "QUESTDB_EMBEDDED_HTTP_PORT",
                "QUESTDB_EMBEDDED_PG_PORT", "POSTGRES_EMBEDDED_PORT")) {
            env.put("TICKFLOW_" + port, "0");
        }
        Process tickflow = builder.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(tickflow.getInputStream(), StandardCharsets.UTF_8))
                .lines().forEach(lines::add), "tickflow-output");
        reader.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build();
            // once both sinks stored rows, every consumer has subscribed to the new topics
            Await.until(Duration.ofSeconds(180), "rows stored by both sinks of Tickflow on its embedded servers", () -> {
                if (!tickflow.isAlive()) {
                    throw new AssertionError("Tickflow exited with " + tickflow.exitValue() + ": " + lines);
                }
                String body = http.send(metrics, HttpResponse.BodyHandlers.ofString()).body();
                return Metrics.value(body, "tickflow_sink_rows_total", "sink=\"questdb\"") > 0
                        && Metrics.value(body, "tickflow_sink_rows_total", "sink=\"postgres\"") > 0;
            });
            // SIGTERM, as docker stop; through the handle, since Process.destroy() also closes our end of its output
            tickflow.toHandle().destroy();
            assertTrue(tickflow.waitFor(120, TimeUnit.SECONDS), "Tickflow stopped within 120 s");
            reader.join(10_000);
        } finally {
            tickflow.descendants().forEach(ProcessHandle::destroyForcibly);
            tickflow.destroyForcibly().waitFor();
            TempDirs.delete(dataDir);
        }

        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            try {
                events.add(JSON.readTree(line));
            } catch (JsonProcessingException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
            assertTrue(events.get(events.size() - 1).has("log.level"), "not a log event: " + line);
        }
        assertEquals(List.of(), messages(events, e -> e.get("log.logger").asText().matches("(org\\.apache\\.)?kafka\\..*")
                && !e.get("log.level").asText().matches("INFO|DEBUG|TRACE")), "Kafka's warnings");
        assertEquals(List.of(), messages(events, e -> e.get("message").asText().contains("SYSTEM COULD BE UNSTABLE")));
        assertTrue(messages(events, e -> e.get("message").asText().contains("OS limits")).size() <= 1, lines.toString());
        assertEquals(1, messages(events, e -> e.get("message").asText().matches("Apache Camel .* \\(tickflow\\) shutdown in .*")).size(),
                "Camel's shutdown summary once: " + lines);
        assertEquals(List.of(), messages(events, e -> e.get("message").asText().contains("JVM shutdown hook triggered")));
    }

    private static List<String> messages(List<JsonNode> events, Predicate<JsonNode> which) {
        return events.stream().filter(which).map(e -> e.get("log.level").asText() + " " + e.get("log.logger").asText()
                + " " + e.get("message").asText()).toList();
    }

    private static List<String> run(String environment, String systemProperty) throws Exception {
        List<String> command = new ArrayList<>(List.of(ChildJvm.java()));
        if (systemProperty != null) {
            command.add("-Dtickflow.log.format=" + systemProperty);
        }
        command.addAll(List.of("-cp", ChildJvm.classpath(), OneWarning.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("TICKFLOW_LOG_FORMAT");
        if (environment != null) {
            builder.environment().put("TICKFLOW_LOG_FORMAT", environment);
        }
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM did not exit within 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        return output.lines().filter(line -> !line.isBlank()).toList();
    }
}
