package io.tickflow.backfill;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code java -jar tickflow.jar backfill --exchange binance --symbol BTC-USDT --interval 1m --from
 * 2026-11-01 --to 2026-11-02 [--url http://127.0.0.1:8080] [--api-key KEY]}: a client of a running Tickflow's
 * /api/backfills. It starts the job there (where the rate limits, checkpoints and sinks are),
 * follows it to the end and prints a summary; interrupting the command leaves the job running.
 * The API key, where Tickflow has one, comes from --api-key or TICKFLOW_API_KEY.
 * Exit status: 0 done with every page, 1 done with failed pages or failed or cancelled, 2 a bad
 * request, 3 no Tickflow answering.
 */
public final class BackfillCommand {

    private static final String USAGE = "usage: java -jar tickflow.jar backfill --exchange EXCHANGE --symbol SYMBOL [--symbol SYMBOL ...]"
            + " --interval INTERVAL|trades --from TIME --to TIME [--url http://127.0.0.1:PORT] [--api-key KEY] [--poll-ms 1000]";

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String apiKey;

    public BackfillCommand(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** Runs the command; returns the exit status. */
    public int run(String[] args) throws InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        List<String> symbols = new ArrayList<>();
        String url = "http://127.0.0.1:" + defaultPort();
        String apiKey = System.getProperty("tickflow.api-key", System.getenv("TICKFLOW_API_KEY"));
        long pollMs = 1000;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                err.println("Option " + option + " needs a value. " + USAGE);
                return 2;
            }
            String value = args[++i];
            switch (option) {
                case "--exchange", "--interval", "--from", "--to" -> body.put(option.substring(2), value);
                case "--symbol", "--symbols" -> symbols.addAll(List.of(value.split(",")));
                case "--url" -> url = value.replaceAll("/+$", "");
                case "--api-key" -> apiKey = value;
                case "--poll-ms" -> {
                    if (!value.matches("[0-9]{1,9}")) {
                        err.println("--poll-ms is a number of milliseconds. " + USAGE);
                        return 2;
                    }
                    pollMs = Math.max(100, Long.parseLong(value));
                }
                default -> {
                    err.println("Unknown option " + option + ". " + USAGE);
                    return 2;
                }
            }
        }
        body.put("symbols", symbols);
        this.apiKey = apiKey;
        try {
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(url + "/api/backfills"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body))));
            if (created.statusCode() != 202) {
                err.println("Tickflow refused the backfill (HTTP " + created.statusCode() + "): " + message(created.body()));
                return 2;
            }
            JsonNode job = Json.tree(created.body());
            String id = job.path("id").asText();
            out.println("Backfill " + id + " started on " + url + " (" + body.get("exchange") + " " + String.join(",", symbols)
                    + " " + body.get("interval") + ")");
            ProgressDisplay display = new ProgressDisplay(out, terminal);
            long started = System.nanoTime();
            while (true) {
                HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url + "/api/backfills/" + id)).GET());
                if (answer.statusCode() != 200) {
                    err.println("Tickflow answered HTTP " + answer.statusCode() + " for backfill " + id + ": " + message(answer.body()));
                    return 1;
                }
                job = Json.tree(answer.body());
                display.show(job);
                String state = job.path("state").asText();
                if (!state.equals(BackfillJob.QUEUED) && !state.equals(BackfillJob.RUNNING)) {
                    display.summary(job, (System.nanoTime() - started) / 1e9);
                    return state.equals(BackfillJob.DONE) && job.path("errors").asInt() == 0 ? 0 : 1;
                }
                Thread.sleep(pollMs);
            }
        } catch (ConnectException e) {
            err.println("No Tickflow answers at " + url + " (start it with java -jar target/tickflow.jar, or give its address with --url)");
            return 3;
        } catch (IOException e) {
            err.println("Talking to Tickflow at " + url + " failed: " + e.getMessage());
            return 3;
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String message(String body) {
        try {
            JsonNode error = Json.tree(body);
            String parameter = error.path("parameter").asText("");
            return (parameter.isEmpty() ? "" : parameter + ": ") + error.path("message").asText(body);
        } catch (IllegalArgumentException e) {
            return body;
        }
    }

    /** Tickflow's HTTP port as Tickflow itself reads it: system property, environment, application.properties. */
    static String defaultPort() {
        String port = System.getProperty("tickflow.http.port", System.getenv("TICKFLOW_HTTP_PORT"));
        if (port != null && !port.isBlank()) {
            return port.trim();
        }
        Properties properties = new Properties();
        try (InputStream in = BackfillCommand.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // the built-in default below
        }
        return properties.getProperty("tickflow.http.port", "8080").trim();
    }
}
