package io.tickflow.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.tickflow.event.EventTime;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.parsetools.RecordParser;
import org.apache.camel.spi.RouteController;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Benchmark, not a test: the stream's loads of issue 19, each on Tickflow and then on the raw limit
 * ({@link RawStreamServer}: a bare Vert.x server fed from the same topic) in the same run, with the
 * latency from each tick's time to its arrival at the client, what was delivered of what was due,
 * and the JVM's CPU seconds per delivered event (clients, producer and Kafka share the JVM on both
 * sides, so only the difference is the server's):
 * <ul>
 * <li>W0: Tickflow on its defaults (simulator: 100 tickers every second, sinks on), one WebSocket
 * client subscribed to all 100 tickers and 10 SSE clients to one each; target p99 &lt; 50 ms;</li>
 * <li>W3: 500 WebSocket clients, 5 per ticker of 100, at {@code rate} ticks/s; p99 &lt; 50 ms, nothing dropped;</li>
 * <li>W4: 100 WebSocket clients subscribed to all 100 tickers with batch_ms 100, at {@code rate}
 * ticks/s; p99 &lt; 250 ms, nothing dropped.</li>
 * </ul>
 * Arguments: loads (W0,W3,W4), seconds measured, ticks/s of W3, ticks/s of W4 (W3's unless given).
 */
public final class StreamFanOutBenchmark {

    private static final String TIME_FIELD = "\"time\":\"";
    private static final int TICKERS = 100;
    // W0's second measurement starts this long after Tickflow started (-Dbench.w0-settle-seconds)
    // how long W3 and W4 run their load untimed first, on each side (-Dbench.warm-up-seconds)
    private static final long WARM_UP_SECONDS = Long.getLong("bench.warm-up-seconds", 15);
    private static final long W0_SETTLE_SECONDS = Long.getLong("bench.w0-settle-seconds", 60);
    private static final SharedServers SERVERS = SharedServers.get();

    private record Result(String side, LatencyHistogram latencies, long expected, long notices, double seconds, double cpuSeconds) {
        String line(String target) {
            long delivered = latencies.count();
            return String.format("  %-9s delivered %,d of %,d (%,.0f events/s), p50 %s, p99 %s, notices %d, CPU %.2f s = %.2f µs/event  (target p99 < %s)",
                    side, delivered, expected, delivered / seconds, latencies.percentile(0.50), latencies.percentile(0.99), notices,
                    cpuSeconds, delivered == 0 ? 0 : cpuSeconds / delivered * 1e6, target);
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> loads = List.of((args.length > 0 ? args[0] : "W0,W3,W4").split(","));
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int batchedRate = args.length > 3 ? Integer.parseInt(args[3]) : rate;
        System.out.printf("load average at start %.1f; %d s per measurement; W3 at %,d ticks/s, W4 at %,d%n", loadAverage(),
                seconds, rate, batchedRate);
        try {
            for (String load : loads) {
                switch (load) {
                    case "W0" -> w0(seconds);
                    case "W3" -> produced("W3: 500 clients, 5 per ticker", rate, seconds, 500, 0, "50 ms");
                    case "W4" -> produced("W4: 100 clients on all tickers, batch_ms 100", batchedRate, seconds, 100, 100, "250 ms");
                    default -> throw new IllegalArgumentException("load " + load);
                }
            }
            System.out.printf("load average at end %.1f%n", loadAverage());
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            System.exit(0);
        }
    }

    /** W0: the defaults, the simulator's own ticks; Tickflow, then the raw server on the same ticks. */
    private static void w0(int seconds) throws Exception {
        Map<String, String> props = new HashMap<>(SERVERS.isolatedProperties());
        Vertx clients = Vertx.vertx();
        try (RunningTickflow app = RunningTickflow.start(props)) {
            System.out.println("W0: defaults (100 ticks/s), 1 WebSocket client on all 100 tickers, 10 SSE clients on one each");
            LatencyHistogram[] sse = {new LatencyHistogram()};
            HttpClient http = clients.createHttpClient(new PoolOptions().setHttp1MaxSize(10));
            for (int i = 0; i < 10; i++) {
                HttpClientResponse response = http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                        .setPort(app.port()).setURI("/api/stream/sse?data_type=tickers&name=" + ticker(i * 10)))
                        .compose(r -> r.send()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                RecordParser.newDelimited("\n\n", response).handler(event -> record(event, sse[0]));
            }
            long started = System.nanoTime();
            // once just started (JIT, sinks and simulators still warming up), once settled, as a dashboard left open is
            for (long settle : new long[] {0, W0_SETTLE_SECONDS}) {
                Thread.sleep(Math.max(0, TimeUnit.SECONDS.toMillis(settle) - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
                Result tickflow = measure("Tickflow", clients, app.port(), 1, TICKERS, 0, seconds, null, TICKERS * (long) seconds,
                        () -> sse[0] = new LatencyHistogram());
                System.out.printf("  (measured from %d s after Tickflow started)%n",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) - seconds);
                System.out.println(tickflow.line("50 ms"));
                System.out.printf("  SSE       delivered %,d (10 clients, one ticker each), p50 %s, p99 %s  (target p99 < 50 ms)%n",
                        sse[0].count(), sse[0].percentile(0.50), sse[0].percentile(0.99));
            }
            http.close();
            try (RawStreamServer raw = new RawStreamServer(SERVERS.kafkaBootstrap(), props.get("tickflow.simulator.topic"))) {
                Result rawResult = measure("raw", clients, raw.port(), 1, TICKERS, 0, seconds, null, TICKERS * (long) seconds, () -> { });
                System.out.println(rawResult.line("(limit)") + "  [the JVM also runs Tickflow: simulator, sinks]");
            }
        } finally {
            clients.close();
            SERVERS.dropIsolated(props);
        }
    }

    /** W3, W4: ticks produced at a fixed rate (simulator and sinks off); Tickflow, then the raw server. */
    private static void produced(String title, int rate, int seconds, int clientCount, int batchMs, String target) throws Exception {
        System.out.println(title + ", " + rate + " ticks/s");
        Map<String, String> props = new HashMap<>(SERVERS.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        props.put("tickflow.sink.questdb.enabled", "false");
        props.put("tickflow.sink.postgres.enabled", "false");
        String topic = props.get("tickflow.simulator.topic");
        int perClient = batchMs > 0 ? TICKERS : 1;
        long due = (long) rate * seconds * clientCount * perClient / TICKERS;
        Vertx clients = Vertx.vertx();
        try (KafkaProducer<String, String> producer = producer()) {
            Runnable load = () -> produce(producer, topic, rate, seconds);
            try (RunningTickflow app = RunningTickflow.start(props)) {
                RouteController routes = app.camelContext().getRouteController();
                routes.stopRoute("events-kafka-to-webhook-queue");
                System.out.println(measure("Tickflow", clients, app.port(), clientCount, perClient, batchMs, seconds, load, due, () -> { })
                        .line(target));
            }
            try (RawStreamServer raw = new RawStreamServer(SERVERS.kafkaBootstrap(), topic)) {
                System.out.println(measure("raw", clients, raw.port(), clientCount, perClient, batchMs, seconds, load, due, () -> { })
                        .line("(limit)"));
            }
        } finally {
            clients.close();
            SERVERS.dropIsolated(props);
        }
    }

    /**
     * Connects the clients (client c subscribes to perClient tickers from c), warms up for WARM_UP_SECONDS of the
     * load (untimed; without a load, 5 s of the simulator's ticks), then runs it again (or lets the
     * simulator tick for the seconds) and waits up to 30 s after for what is due.
     */
    private static Result measure(String side, Vertx vertx, int port, int clientCount, int perClient, int batchMs, int seconds,
            Runnable load, long due, Runnable onStart) throws Exception {
        LatencyHistogram[] latencies = {new LatencyHistogram()};
        AtomicLong notices = new AtomicLong();
        AtomicLong subscribed = new AtomicLong();
        WebSocketClient wsClient = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(clientCount).setMaxFrameSize(1 << 20)
                .setMaxMessageSize(64 << 20));
        List<WebSocket> sockets = new ArrayList<>();
        for (int c = 0; c < clientCount; c++) {
            WebSocket ws = wsClient.connect(port, "127.0.0.1", "/api/stream").toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            ws.textMessageHandler(text -> {
                if (text.startsWith("{\"event_type\":\"subscribed\"")) {
                    subscribed.incrementAndGet();
                } else if (text.startsWith("{\"event_type\":\"notice\"")) {
                    notices.incrementAndGet();
                } else {
                    eventTimes(text, latencies[0]);
                }
            });
            for (int t = 0; t < perClient; t++) {
                ws.writeTextMessage("{\"event_type\":\"subscribe\",\"data_type\":\"tickers\",\"name\":\"" + ticker((c + t) % TICKERS)
                        + "\"" + (batchMs > 0 ? ",\"batch_ms\":" + batchMs : "") + "}");
            }
            sockets.add(ws);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (subscribed.get() < (long) clientCount * perClient && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (load == null) {
            Thread.sleep(5000);
        } else {
            producerWarmUp(load);
        }
        latencies[0] = new LatencyHistogram();
        onStart.run();
        notices.set(0);
        double cpu0 = cpuSeconds();
        long start = System.nanoTime();
        if (load == null) {
            Thread.sleep(seconds * 1000L);
        } else {
            load.run();
        }
        long produced = System.nanoTime();
        while (latencies[0].count() < due && System.nanoTime() - produced < TimeUnit.SECONDS.toNanos(30)) {
            Thread.sleep(20);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = cpuSeconds() - cpu0;
        sockets.forEach(WebSocket::close);
        wsClient.close();
        return new Result(side, latencies[0], due, notices.get(), elapsed, cpu);
    }

    private static void producerWarmUp(Runnable load) throws InterruptedException {
        Thread warm = new Thread(load);
        warm.start();
        warm.join(TimeUnit.SECONDS.toMillis(WARM_UP_SECONDS));
        warm.interrupt();
        warm.join();
        Thread.sleep(2000);
    }

    /** Ticks of the 100 tickers in turn, paced at rate, stamped at send; stops early when interrupted. */
    private static void produce(KafkaProducer<String, String> producer, String topic, int rate, int seconds) {
        long total = (long) rate * seconds;
        long started = System.nanoTime();
        for (long i = 0; i < total && !Thread.currentThread().isInterrupted(); i++) {
            LockSupport.parkNanos(started + i * 1_000_000_000L / rate - System.nanoTime());
            String name = ticker((int) (i % TICKERS));
            producer.send(new ProducerRecord<>(topic, name,
                    "{\"name\":\"" + name + "\",\"value\":" + i + ",\"time\":\"" + EventTime.format(Instant.now()) + "\"}"));
        }
        producer.flush();
    }

    private static void record(Buffer event, LatencyHistogram latencies) {
        String text = event.toString(StandardCharsets.UTF_8);
        if (text.startsWith("data: {\"event_type\":\"data\"")) {
            eventTimes(text, latencies);
        }
    }

    /**
     * Records the events of a frame (a data frame, or a batch's) with the latency of the first, the
     * oldest: an upper bound for the others, and cheap enough for a million events a second.
     */
    private static void eventTimes(String frame, LatencyHistogram latencies) {
        Instant now = Instant.now();
        int first = frame.indexOf(TIME_FIELD);
        if (first < 0) {
            return;
        }
        int start = first + TIME_FIELD.length();
        Instant time = EventTime.parse(frame.substring(start, frame.indexOf('"', start)));
        int events = 0;
        for (int at = first; at >= 0; at = frame.indexOf(TIME_FIELD, at + TIME_FIELD.length())) {
            events++;
        }
        latencies.record(Duration.between(time, now).toNanos() / 1000, events);
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SERVERS.kafkaBootstrap());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static String ticker(int i) {
        return String.format("ticker_%02d", i);
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private StreamFanOutBenchmark() {
    }
}
