package io.tickflow.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;

/**
 * Benchmark, not a test: issue 19's webhook loads, Tickflow beside the raw limit (the same signed
 * POSTs from a bare Vert.x client fed from the same Kafka topic, {@link RawKafkaWebhooks}) in the
 * same run, with CPU seconds per delivered event (this JVM and the embedded PostgreSQL, see
 * {@link CpuClock}) and a verdict per target.
 * <ul>
 * <li>W1, filtered: 1,000 tickers at 10 events/s each; 100 subscriptions, each filtered to 10
 * tickers, unbatched. Target: p99 < 200 ms, every event delivered once.</li>
 * <li>W2, firehose: 100 subscriptions to every event, batched (maxEvents 1000); a step load finds
 * the highest rate each side holds with p99 under 1 s. Target: Tickflow's >= 50% of the raw.</li>
 * </ul>
 * Arguments: loads (W1,W2), seconds per step (10), W1's rate (10000), W2's rates (comma separated).
 */
public final class WebhookFanOutBenchmark {

    private static final int SUBSCRIPTIONS = 100;
    private static final int W1_TICKERS = 1000;
    private static final int WARMUP_SECONDS = 3;
    private static final long DRAIN_SECONDS = 20;

    private record Step(String side, int rate, long expected, WebhookTally tally, double seconds, double jvmCpu, double pgCpu) {
        double cpuPerEvent() {
            return (jvmCpu + pgCpu) / Math.max(1, tally.events());
        }

        boolean held(double p99LimitMs) {
            return tally.events() >= expected && p99Ms() < p99LimitMs && tally.repeatedIds.sum() == 0;
        }

        double p99Ms() {
            String p99 = tally.latencies.percentile(0.99);
            return p99.endsWith(" ms") ? Double.parseDouble(p99.substring(0, p99.length() - 3)) : Double.MAX_VALUE;
        }

        String line() {
            long[] missingRepeated = tally.missingAndRepeated();
            return String.format("%-8s %7d ev/s: delivered %d of %d events in %d requests (%d unique webhook-ids, %d repeated ids"
                    + "%s), p50 %s, p99 %s; CPU %.1f s JVM + %.1f s PostgreSQL = %.1f us/event", side, rate, tally.events(), expected,
                    tally.requests.sum(), tally.uniqueIds(), tally.repeatedIds.sum(),
                    tally.countsEach() ? String.format("; events missing %d, repeated %d", missingRepeated[0], missingRepeated[1]) : "",
                    tally.latencies.percentile(0.50), tally.latencies.percentile(0.99), jvmCpu, pgCpu, cpuPerEvent() * 1e6);
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> loads = Arrays.asList((args.length > 0 ? args[0] : "W1,W2").split(","));
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int w1Rate = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int[] w2Rates = Arrays.stream((args.length > 3 ? args[3] : "2000,5000,10000,20000,40000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        SharedServers servers = SharedServers.get();
        System.out.printf("load average at start: %s%n", loadAverage());
        List<String> verdicts = new ArrayList<>();
        try (WebhookReceivers receivers = new WebhookReceivers()) {
            if (loads.contains("W1")) {
                verdicts.add(w1(servers, receivers, seconds, w1Rate));
            }
            if (loads.contains("W2")) {
                verdicts.add(w2(servers, receivers, seconds, w2Rates));
            }
        } finally {
            System.out.printf("load average at end: %s%n", loadAverage());
            verdicts.forEach(System.out::println);
            System.exit(0);
        }
    }

    private static String w1(SharedServers servers, WebhookReceivers receivers, int seconds, int rate) throws Exception {
        Map<String, String> props = properties(servers);
        String topic = props.get("tickflow.simulator.topic");
        List<String> tickers = new ArrayList<>();
        Map<String, List<String>> targetsOf = new HashMap<>();
        for (int i = 0; i < W1_TICKERS; i++) {
            String name = String.format("t%04d", i);
            tickers.add(name);
            targetsOf.put(name, List.of("/raw" + i / (W1_TICKERS / SUBSCRIPTIONS)));
        }
        long events = (long) rate * seconds;
        Step tickflow;
        try (RunningTickflow app = RunningTickflow.start(props)) {
            quiet(app);
            for (int s = 0; s < SUBSCRIPTIONS; s++) {
                List<String> names = tickers.subList(s * 10, s * 10 + 10);
                subscribe(app, receivers.port(), s, "{\"name\":[\"" + String.join("\",\"", names) + "\"]}", 0);
            }
            tickflow = measure("Tickflow", servers, props, receivers, topic, tickers, rate, events, (int) events);
        }
        Step raw;
        try (RawKafkaWebhooks client = new RawKafkaWebhooks(servers.kafkaBootstrap(), topic, receivers.port(), targetsOf, List.of(), 0)) {
            raw = measure("raw", servers, props, receivers, topic, tickers, rate, events, (int) events);
        }
        servers.dropIsolated(props);
        System.out.println("W1, filtered webhooks: 100 subscriptions of 10 tickers each, 1,000 tickers, unbatched");
        System.out.println(tickflow.line());
        System.out.println(raw.line());
        long[] missingRepeated = tickflow.tally.missingAndRepeated();
        boolean once = missingRepeated[0] == 0 && missingRepeated[1] == 0 && tickflow.tally.repeatedIds.sum() == 0;
        return String.format("W1 verdict: p99 %s (target < 200 ms): %s; every event once: %s (missing %d, repeated %d);"
                + " CPU %.1f us/event beside the raw %.1f us/event (%.1fx)", tickflow.tally.latencies.percentile(0.99),
                tickflow.p99Ms() < 200 ? "met" : "NOT met", once ? "yes" : "NO", missingRepeated[0], missingRepeated[1],
                tickflow.cpuPerEvent() * 1e6, raw.cpuPerEvent() * 1e6, tickflow.cpuPerEvent() / raw.cpuPerEvent());
    }

    private static String w2(SharedServers servers, WebhookReceivers receivers, int seconds, int[] rates) throws Exception {
        Map<String, String> props = properties(servers);
        String topic = props.get("tickflow.simulator.topic");
        List<String> tickers = new ArrayList<>();
        for (int i = 0; i < W1_TICKERS; i++) {
            tickers.add(String.format("t%04d", i));
        }
        List<String> paths = new ArrayList<>();
        for (int s = 0; s < SUBSCRIPTIONS; s++) {
            paths.add("/raw" + s);
        }
        System.out.println("W2, firehose webhooks: 100 subscriptions to every event, batched (maxEvents 1000); step load");
        Step bestTickflow;
        try (RunningTickflow app = RunningTickflow.start(props)) {
            quiet(app);
            for (int s = 0; s < SUBSCRIPTIONS; s++) {
                subscribe(app, receivers.port(), s, null, 1000);
            }
            bestTickflow = steps("Tickflow", servers, props, receivers, topic, tickers, seconds, rates);
        }
        Step bestRaw;
        try (RawKafkaWebhooks client = new RawKafkaWebhooks(servers.kafkaBootstrap(), topic, receivers.port(), Map.of(), paths, 1000)) {
            bestRaw = steps("raw", servers, props, receivers, topic, tickers, seconds, rates);
        }
        servers.dropIsolated(props);
        double tickflowRate = bestTickflow == null ? 0 : bestTickflow.rate();
        double rawRate = bestRaw == null ? 0 : bestRaw.rate();
        return String.format("W2 verdict: highest rate held (p99 < 1 s, all delivered): Tickflow %.0f, raw %.0f events/s in"
                + " (x100 delivered) = %.0f%% (target >= 50%%): %s; CPU at those rates %s", tickflowRate, rawRate,
                100 * tickflowRate / Math.max(1, rawRate), tickflowRate >= 0.5 * rawRate && rawRate > 0 ? "met" : "NOT met",
                bestTickflow == null || bestRaw == null ? "n/a" : String.format("%.2f us/event beside the raw %.2f us/event",
                        bestTickflow.cpuPerEvent() * 1e6, bestRaw.cpuPerEvent() * 1e6));
    }

    /** Steps up the rate until one is not held; returns the highest held, or null. */
    private static Step steps(String side, SharedServers servers, Map<String, String> props, WebhookReceivers receivers, String topic,
            List<String> tickers, int seconds, int[] rates) throws Exception {
        Step best = null;
        for (int rate : rates) {
            Step step = measure(side, servers, props, receivers, topic, tickers, rate, (long) rate * seconds * SUBSCRIPTIONS, 0);
            System.out.println(step.line() + (step.held(1000) ? "  held" : "  NOT held"));
            if (!step.held(1000)) {
                break;
            }
            best = step;
        }
        return best;
    }

    /**
     * Warms up for a few seconds (negative values, not counted), then produces {@code rate} ticks
     * a second until {@code expected} events (or {@code expected / fan-out} ticks) and waits for
     * them at the receivers, measuring the CPU from the first tick to the last arrival.
     */
    private static Step measure(String side, SharedServers servers, Map<String, String> props, WebhookReceivers receivers,
            String topic, List<String> tickers, int rate, long expected, int countEach) throws Exception {
        long ticks = countEach > 0 ? expected : expected / SUBSCRIPTIONS;
        WebhookTally warmup = receivers.measure(new WebhookTally(0));
        long warmupTicks = (long) rate * WARMUP_SECONDS;
        PacedTicks.produce(servers.kafkaBootstrap(), topic, tickers, rate, warmupTicks, -1);
        long warmupExpected = countEach > 0 ? warmupTicks : warmupTicks * SUBSCRIPTIONS;
        awaitOrDeadline(() -> warmup.requests.sum() > 0 && warmup.events() >= warmupExpected, DRAIN_SECONDS);
        WebhookTally tally = receivers.measure(new WebhookTally(countEach));
        CpuClock cpu = new CpuClock(Integer.parseInt(props.get("tickflow.postgres.port")));
        double[] before = cpu.now();
        long started = System.nanoTime();
        PacedTicks.produce(servers.kafkaBootstrap(), topic, tickers, rate, ticks, 0);
        awaitOrDeadline(() -> tally.events() >= expected, DRAIN_SECONDS);
        double[] after = cpu.now();
        return new Step(side, rate, expected, tally, (System.nanoTime() - started) / 1e9, after[0] - before[0], after[1] - before[1]);
    }

    private static void awaitOrDeadline(Supplier<Boolean> done, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!done.get() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static Map<String, String> properties(SharedServers servers) {
        Map<String, String> props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        props.put("tickflow.sink.questdb.enabled", "false");
        props.put("tickflow.sink.postgres.enabled", "false");
        props.put("tickflow.webhooks.allow-private-targets", "true");
        return props;
    }

    /** Only the webhook routes read the ticks: the stream's consumer would take CPU from both sides alike. */
    private static void quiet(RunningTickflow app) throws Exception {
        app.camelContext().getRouteController().stopRoute("events-kafka-to-stream-clients");
    }

    private static void subscribe(RunningTickflow app, int port, int index, String filters, int maxEvents) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.uri("/api/webhooks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"http://127.0.0.1:" + port + "/hook" + index
                        + "\",\"eventTypes\":[\"tick\"]" + (filters == null ? "" : ",\"filters\":" + filters)
                        + (maxEvents > 0 ? ",\"batch\":{\"maxEvents\":" + maxEvents + "}" : "") + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("subscribe: " + answer.statusCode() + " " + answer.body());
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    private WebhookFanOutBenchmark() {
    }
}
