package io.tickflow.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.tickflow.event.EventTime;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Benchmark, not a test: fan-out of ticks from Kafka to webhook subscribers and WebSocket clients
 * on loopback. Prints delivered events/s and the p50/p99 latency from the event's time (set when
 * produced) to its arrival, beside the targets, then the raw limit: the same POSTs (as
 * many, as large, signed alike) sent by a bare Vert.x client at the same pace. Run (see README):
 * {@code java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt)
 * io.tickflow.bench.FanOutBenchmark [events/s] [seconds] [webhook subscribers] [websocket clients] [batch max events]}
 * (batch max events 0: one event per request).
 */
public final class FanOutBenchmark {

    private static final String TIME_FIELD = "\"time\":\"";

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int webhooks = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int sockets = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : 1000;

        SharedServers servers = SharedServers.get();
        Map<String, String> props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        props.put("tickflow.webhooks.allow-private-targets", "true");
        props.put("tickflow.webhooks.poll-interval-ms", "20");
        props.put("tickflow.webhooks.batch-size", "2000");
        props.put("tickflow.webhooks.max-in-flight-per-subscription", "50");

        LatencyHistogram webhookLatencies = new LatencyHistogram();
        LatencyHistogram socketLatencies = new LatencyHistogram();
        AtomicLong requests = new AtomicLong();
        AtomicReference<LatencyHistogram> arrivals = new AtomicReference<>(webhookLatencies);
        // a Vert.x server with one event loop per core: the JDK's HttpServer could not take in the
        // bodies of a million events a second, from Tickflow or from the bare client alike
        Vertx vertx = Vertx.vertx();
        HttpServer receiver = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            eventTimes(body.toString(StandardCharsets.ISO_8859_1), arrivals.get());
            requests.incrementAndGet();
            request.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        int receiverPort = receiver.actualPort();

        try (RunningTickflow app = RunningTickflow.start(props)) {
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < webhooks; i++) {
                http.send(HttpRequest.newBuilder(app.uri("/api/webhooks")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"http://127.0.0.1:" + receiverPort
                                + "/hook" + i + "\",\"eventTypes\":[\"tick\"],\"filters\":{\"name\":\"bench\"}"
                                + (batch > 0 ? ",\"batch\":{\"maxEvents\":" + batch + "}" : "") + "}")).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            List<WebSocket> clients = new ArrayList<>();
            URI ws = URI.create("ws" + app.uri("/api/stream").toString().substring(4));
            for (int i = 0; i < sockets; i++) {
                WebSocket socket = http.newWebSocketBuilder().buildAsync(ws, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            String frame = partial.toString();
                            partial.setLength(0);
                            if (frame.contains("\"event_type\":\"data\"")) {
                                eventTimes(frame, socketLatencies);
                            }
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).join();
                socket.sendText("{\"event_type\":\"subscribe\",\"data_type\":\"tickers\",\"name\":\"bench\"}", true).join();
                clients.add(socket);
            }
            Thread.sleep(3000); // let the consumers join their groups before the clock starts

            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrap());
            p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
            long total = (long) rate * seconds;
            long started = System.nanoTime();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                for (long i = 0; i < total; i++) {
                    long due = started + i * 1_000_000_000L / rate;
                    // parked, not spun: a spinning producer took one of the two cores from what it measured
                    LockSupport.parkNanos(due - System.nanoTime());
                    producer.send(new ProducerRecord<>(props.get("tickflow.simulator.topic"), "bench",
                            "{\"name\":\"bench\",\"value\":" + i + ",\"time\":\"" + EventTime.format(Instant.now()) + "\"}"));
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline
                    && (webhookLatencies.count() < total * webhooks || socketLatencies.count() < total * sockets)) {
                Thread.sleep(200);
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            System.out.printf("produced %d ticks at %d/s for %d s%n", total, rate, seconds);
            long tickflowRequests = requests.get();
            report("webhooks", webhooks + " subscribers", webhookLatencies, total * webhooks, elapsed, "200 ms");
            System.out.printf("          in %d requests (%.1f events per request, batch max %d)%n", tickflowRequests,
                    webhookLatencies.count() / (double) Math.max(1, tickflowRequests), batch);
            report("websocket", sockets + " clients", socketLatencies, total * sockets, elapsed, "50 ms");
            clients.forEach(WebSocket::abort);
            // Tickflow stops first, so what it has not sent yet does not compete with the raw client
            app.close();
            if (webhooks > 0 && tickflowRequests > 0) {
                LatencyHistogram rawLatencies = new LatencyHistogram();
                arrivals.set(rawLatencies);
                int perRequest = (int) Math.max(1, Math.round(webhookLatencies.count() / (double) tickflowRequests));
                double rawSeconds = RawWebhookClient.send(receiverPort, webhooks, total, rate, perRequest, batch > 0);
                report("raw POST", webhooks + " targets", rawLatencies, total * webhooks, rawSeconds, "(limit)");
            }
        } finally {
            vertx.close();
            servers.dropIsolated(props);
            System.exit(0);
        }
    }

    /**
     * Records the events of a body (its `"time":"..."` fields, counted without a JSON tree) with the
     * latency of the first, the oldest: an upper bound for the others of a batch, and cheap enough
     * for a million events a second.
     */
    private static void eventTimes(String body, LatencyHistogram latencies) {
        int first = body.indexOf(TIME_FIELD);
        if (first < 0) {
            return;
        }
        int start = first + TIME_FIELD.length();
        long micros = latencyMicros(body.substring(start, body.indexOf('"', start)));
        int events = 0;
        for (int at = first; at >= 0; at = body.indexOf(TIME_FIELD, at + TIME_FIELD.length())) {
            events++;
        }
        latencies.record(micros, events);
    }

    private static long latencyMicros(String time) {
        Instant sent = EventTime.parse(time);
        Instant now = Instant.now();
        return Duration.between(sent, now).toNanos() / 1000;
    }

    private static void report(String what, String to, LatencyHistogram latencies, long expected, double seconds, String target) {
        System.out.printf("%-9s to %-15s delivered %d of %d (%.0f events/s), p50 %s, p99 %s (target p99 < %s)%n", what, to,
                latencies.count(), expected, latencies.count() / seconds, latencies.percentile(0.50), latencies.percentile(0.99), target);
    }

    private FanOutBenchmark() {
    }
}
