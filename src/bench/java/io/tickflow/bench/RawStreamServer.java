package io.tickflow.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The raw limit of the stream: a bare Vert.x WebSocket server fed by a plain Kafka consumer of the
 * same topic, pushing the same frames to the same clients. It knows only ticker subscriptions
 * (`name`, optional `batch_ms`), takes the ticker from the record key, makes each frame once and
 * writes it from the consumer's thread to every subscriber; batched clients get one batch frame per
 * window. No limits, history, back-pressure or validation: what the frames cost at least.
 */
final class RawStreamServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] DATA_START = "{\"event_type\":\"data\",\"data_type\":\"tickers\",\"data\":".getBytes(StandardCharsets.US_ASCII);

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, Set<Client>> byName = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final Thread consumerThread;
    private volatile boolean running = true;

    private static final class Client {
        final ServerWebSocket ws;
        int batchMs;
        List<byte[]> batch;

        Client(ServerWebSocket ws) {
            this.ws = ws;
        }

        synchronized void send(Vertx vertx, byte[] frame) {
            if (batchMs == 0) {
                ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, frame, true));
                return;
            }
            if (batch == null) {
                batch = new ArrayList<>();
                vertx.setTimer(batchMs, t -> flush());
            }
            batch.add(frame);
        }

        private synchronized void flush() {
            StringBuilder out = new StringBuilder("{\"event_type\":\"batch\",\"data\":[");
            for (int i = 0; i < batch.size(); i++) {
                out.append(i == 0 ? "" : ",").append(new String(batch.get(i), StandardCharsets.UTF_8));
            }
            batch = null;
            ws.writeTextMessage(out.append("]}").toString());
        }
    }

    RawStreamServer(String bootstrap, String topic) {
        server = vertx.createHttpServer().webSocketHandler(ws -> {
            Client client = new Client(ws);
            ws.textMessageHandler(text -> {
                JsonNode frame;
                try {
                    frame = JSON.readTree(text);
                } catch (Exception e) {
                    return;
                }
                synchronized (client) {
                    client.batchMs = frame.path("batch_ms").asInt(0);
                }
                byName.computeIfAbsent(frame.path("name").asText(), n -> ConcurrentHashMap.newKeySet()).add(client);
                ws.writeTextMessage("{\"event_type\":\"subscribed\",\"data_type\":\"tickers\",\"name\":\"" + frame.path("name").asText() + "\"}");
            });
            ws.closeHandler(v -> byName.values().forEach(clients -> clients.remove(client)));
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "raw-stream-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerThread = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topic));
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(5))) {
                        Set<Client> clients = byName.get(record.key());
                        if (clients == null || clients.isEmpty()) {
                            continue;
                        }
                        byte[] frame = new byte[DATA_START.length + record.value().length + 1];
                        System.arraycopy(DATA_START, 0, frame, 0, DATA_START.length);
                        System.arraycopy(record.value(), 0, frame, DATA_START.length, record.value().length);
                        frame[frame.length - 1] = '}';
                        for (Client client : clients) {
                            client.send(vertx, frame);
                        }
                    }
                }
            }
        }, "raw-stream-consumer");
        consumerThread.start();
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumerThread.join(10_000);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
