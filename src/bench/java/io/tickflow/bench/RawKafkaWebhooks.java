package io.tickflow.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.tickflow.webhook.WebhookSigner;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The raw limit of webhook fan-out: a bare Kafka consumer reading the same topic and a bare
 * Vert.x client sending the same signed POSTs Tickflow would (the same body shape, one
 * `webhook-id` and signature per request), with nothing between them: no matching beyond a
 * name lookup, no queue, no log, no retries. Unbatched, each event goes to the targets its name
 * maps to; batched, the events of each 50 ms window (Tickflow's intake interval) are cut every
 * {@code maxEvents} and each batch body, built once, goes to every target.
 */
final class RawKafkaWebhooks implements AutoCloseable {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    /** Tickflow's tickflow.webhooks.intake-interval-ms. */
    private static final long BATCH_WINDOW_NANOS = 50_000_000L;

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpClient client;
    private final KafkaConsumer<String, String> consumer;
    private final WebhookSigner signer = new WebhookSigner();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong failures = new AtomicLong();
    private final Thread loop;

    /**
     * Starts reading {@code topic} from its end. {@code targetsOf} maps a name to the target
     * paths of its events (unbatched); with {@code maxEvents} > 0 every event goes to all {@code paths}.
     */
    RawKafkaWebhooks(String bootstrap, String topic, int port, Map<String, List<String>> targetsOf, List<String> paths, int maxEvents) {
        client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
                .setKeepAlive(true).setMaxPoolSize(Math.max(10, paths.size() * 4)));
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        loop = new Thread(() -> {
            List<ConsumerRecord<String, String>> window = new ArrayList<>();
            long windowStarted = 0;
            while (running.get()) {
                var records = consumer.poll(Duration.ofMillis(maxEvents > 0 ? 5 : 50));
                if (maxEvents > 0) {
                    // the events of one 50 ms window per batch, as Tickflow's intake collects them
                    if (window.isEmpty() && !records.isEmpty()) {
                        windowStarted = System.nanoTime();
                    }
                    records.forEach(window::add);
                    if (!window.isEmpty() && System.nanoTime() - windowStarted >= BATCH_WINDOW_NANOS) {
                        sendBatches(window, paths, maxEvents);
                        window.clear();
                    }
                } else {
                    for (ConsumerRecord<String, String> record : records) {
                        String body = "{\"type\":\"tick\",\"timestamp\":\"" + field(record.value(), "\"time\":\"") + "\",\"data\":"
                                + record.value() + "}";
                        for (String path : targetsOf.getOrDefault(record.key(), List.of())) {
                            post(path, "msg_raw_" + record.partition() + "_" + record.offset() + path.replace('/', '_'), body, Buffer.buffer(body));
                        }
                    }
                }
            }
            consumer.close();
        }, "raw-webhooks");
        loop.start();
    }

    private void sendBatches(List<ConsumerRecord<String, String>> all, List<String> paths, int maxEvents) {
        for (int from = 0; from < all.size(); from += maxEvents) {
            List<ConsumerRecord<String, String>> batch = all.subList(from, Math.min(all.size(), from + maxEvents));
            StringBuilder body = new StringBuilder("{\"type\":\"batch\",\"timestamp\":\"")
                    .append(field(batch.get(0).value(), "\"time\":\"")).append("\",\"data\":[");
            for (int i = 0; i < batch.size(); i++) {
                String value = batch.get(i).value();
                body.append(i == 0 ? "" : ",").append("{\"type\":\"tick\",\"timestamp\":\"").append(field(value, "\"time\":\""))
                        .append("\",\"data\":").append(value).append('}');
            }
            String text = body.append("]}").toString();
            Buffer bytes = Buffer.buffer(text);
            ConsumerRecord<String, String> first = batch.get(0);
            for (String path : paths) {
                post(path, "msg_raw_" + first.partition() + "_" + first.offset() + path.replace('/', '_'), text, bytes);
            }
        }
    }

    private void post(String path, String id, String text, Buffer body) {
        long timestamp = Instant.now().getEpochSecond();
        String signature = signer.sign(SECRET, id, timestamp, text);
        client.request(HttpMethod.POST, path).compose(request -> request.putHeader("content-type", "application/json")
                .putHeader("webhook-id", id).putHeader("webhook-timestamp", String.valueOf(timestamp))
                .putHeader("webhook-signature", signature).send(body))
                .onComplete(response -> {
                    if (response.failed() || response.result().statusCode() != 204) {
                        failures.incrementAndGet();
                    }
                });
    }

    private static String field(String json, String prefix) {
        int start = json.indexOf(prefix) + prefix.length();
        return json.substring(start, json.indexOf('"', start));
    }

    long failures() {
        return failures.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        loop.join();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
