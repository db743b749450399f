package io.tickflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test) of launch to healthy: runs Tickflow as README does ({@link TickflowJar}) on the
 * embedded default (data under a fresh directory, kept between launches, ports free ones) N + 1
 * times, and times each from the launch to the first 200 of GET /api/health. The first launch
 * starts on an empty data directory (Kafka formats its log, PostgreSQL runs initdb); the others are
 * restarts, the usual case, whose median is set beside the target. For each launch it also prints
 * when the log said each step was done, so one can see where the time goes. Run with the command
 * in bench/README.md.
 */
public final class StartupBenchmark {

    private static final int LAUNCHES = Integer.getInteger("bench.launches", 5);
    private static final double TARGET_SECONDS = 10;
    private static final Duration GIVE_UP = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** Log lines that end a start-up step, by the name the table gives the step. */
    private static final Map<String, String> STEPS = new LinkedHashMap<>();

    static {
        STEPS.put("Camel main", "Apache Camel (Main)");
        STEPS.put("PostgreSQL", "Embedded PostgreSQL on");
        STEPS.put("QuestDB", "Embedded QuestDB:");
        STEPS.put("Kafka", "Embedded Kafka listening");
        STEPS.put("schemas", "Schema classpath:sql/questdb-schema.sql applied");
        STEPS.put("routes read", "(tickflow) is starting");
        STEPS.put("Camel started", "(tickflow) started in");
    }

    public static void main(String[] args) throws Exception {
        if (!TickflowJar.packaged()) {
            throw new IllegalStateException(TickflowJar.jar() + " is missing: mvn -B -q -DskipTests package");
        }
        System.out.println("Launching " + String.join(" ", TickflowJar.command(List.of())));
        Path dir = Files.createTempDirectory("tickflow-startup-");
        List<double[]> launches = new ArrayList<>();
        try {
            for (int i = 0; i <= LAUNCHES; i++) {
                launches.add(launch(dir));
                System.out.printf("launch %d: healthy after %.2f s%n", i, launches.get(i)[STEPS.size()]);
            }
        } finally {
            delete(dir);
        }
        System.out.println();
        System.out.print("| launch | " + String.join(" | ", STEPS.keySet()) + " | healthy |\n|---|");
        System.out.println("---:|".repeat(STEPS.size() + 1));
        for (int i = 0; i < launches.size(); i++) {
            StringBuilder row = new StringBuilder("| " + (i == 0 ? "first (empty data dir)" : "restart " + i) + " |");
            for (double seconds : launches.get(i)) {
                row.append(Double.isNaN(seconds) ? " - |" : String.format(" %.2f |", seconds));
            }
            System.out.println(row);
        }
        double[] restarts = launches.stream().skip(1).mapToDouble(l -> l[STEPS.size()]).sorted().toArray();
        double median = restarts.length % 2 == 1 ? restarts[restarts.length / 2]
                : (restarts[restarts.length / 2 - 1] + restarts[restarts.length / 2]) / 2;
        System.out.printf("%nSeconds from launch; load average at the end %.2f.%n", loadAverage());
        System.out.printf("Launch to healthy, restarts: median %.2f s (min %.2f, max %.2f) of %d (target < %.0f s): %s%n",
                median, restarts[0], restarts[restarts.length - 1], restarts.length, TARGET_SECONDS,
                median < TARGET_SECONDS ? "met" : "NOT met");
        System.out.printf("Launch to healthy, first start on an empty data dir: %.2f s%n", launches.get(0)[STEPS.size()]);
    }

    /** Seconds from the launch to each step's log line (NaN if it never came), and to healthy last. */
    private static double[] launch(Path dir) throws Exception {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(TickflowJar.command(List.of())).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("TICKFLOW_HTTP_PORT", String.valueOf(port));
        // 0: a free port each, so that the benchmark runs beside anything on the default ports
        for (String key : List.of("TICKFLOW_KAFKA_EMBEDDED_PORT", "TICKFLOW_KAFKA_EMBEDDED_CONTROLLER_PORT",
                "TICKFLOW_QUESTDB_EMBEDDED_HTTP_PORT", "TICKFLOW_QUESTDB_EMBEDDED_PG_PORT", "TICKFLOW_POSTGRES_EMBEDDED_PORT")) {
            env.put(key, "0");
        }
        long start = System.nanoTime();
        Process process = builder.start();
        Map<String, Double> seen = new ConcurrentHashMap<>();
        Thread reader = new Thread(() -> readLog(process, start, seen), "startup-log");
        reader.start();
        double healthy = Double.NaN;
        try {
            long deadline = start + GIVE_UP.toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                if (healthy(port)) {
                    healthy = (System.nanoTime() - start) / 1e9;
                    break;
                }
                Thread.sleep(20);
            }
        } finally {
            // SIGTERM: Tickflow's own shutdown, so the next launch finds the data as a clean stop leaves it
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            reader.join();
        }
        if (Double.isNaN(healthy)) {
            throw new IllegalStateException("Tickflow was not healthy within " + GIVE_UP.toSeconds() + " s (exit "
                    + (process.isAlive() ? "none" : process.exitValue()) + ")");
        }
        double[] times = new double[STEPS.size() + 1];
        int i = 0;
        for (String step : STEPS.keySet()) {
            times[i++] = seen.getOrDefault(step, Double.NaN);
        }
        times[i] = healthy;
        return times;
    }

    private static void readLog(Process process, long start, Map<String, Double> seen) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                double at = (System.nanoTime() - start) / 1e9;
                for (Map.Entry<String, String> step : STEPS.entrySet()) {
                    if (line.contains(step.getValue())) {
                        seen.putIfAbsent(step.getKey(), at);
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static boolean healthy(int port) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static double loadAverage() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
