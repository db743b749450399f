package io.tickflow;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Logs are text by default and JSON lines when TICKFLOW_LOG_FORMAT or -Dtickflow.log.format says
 * json. Logging is set up once per JVM, so each case runs in a JVM of its own.
 */
class LogFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the child JVM runs: one warning with an exception. */
    public static final class OneWarning {
        public static void main(String[] args) {
            LoggerFactory.getLogger(LogFormatTest.class).warn("hello {}", "world", new IllegalStateException("boom"));
        }
    }

    @Test
    void textByDefault() throws Exception {
        List<String> lines = run(null, null);
        assertTrue(lines.get(0).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[main\\] LogFormatTest - hello world"), lines.get(0));
        assertTrue(lines.stream().anyMatch(line -> line.contains("IllegalStateException: boom")), lines.toString());
    }

    @Test
    void jsonLinesFromTheEnvironmentVariable() throws Exception {
        List<String> lines = run("json", null);
        assertEquals(1, lines.size(), "one line per event, the stack trace inside it: " + lines);
        JsonNode event = JSON.readTree(lines.get(0));
        assertEquals("hello world", event.get("message").asText());
        assertEquals("WARN", event.get("log.level").asText());
        assertEquals(LogFormatTest.class.getName(), event.get("log.logger").asText());
        assertEquals("tickflow", event.get("service.name").asText());
        assertEquals("java.lang.IllegalStateException", event.get("error.type").asText());
        assertTrue(event.get("error.stack_trace").asText().contains("OneWarning.main"), event.toString());
        assertTrue(event.get("@timestamp").asText().endsWith("Z"), event.toString());
    }

    @Test
    void anUnknownFormatIsText() throws Exception {
        List<String> lines = run("yaml", null);
        assertTrue(lines.get(0).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[main\\] LogFormatTest - hello world"), lines.toString());
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment() throws Exception {
        assertFalse(run("json", "text").get(0).startsWith("{"));
        assertTrue(run("text", "json").get(0).startsWith("{"));
    }

    private static List<String> run(String environment, String systemProperty) throws Exception {
        // an empty entry would put the working directory on the classpath
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).collect(Collectors.joining(File.pathSeparator));
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (systemProperty != null) {
            command.add("-Dtickflow.log.format=" + systemProperty);
        }
        command.addAll(List.of("-cp", classpath, OneWarning.class.getName()));
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
