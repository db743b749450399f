package io.tickflow.stream;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickflow.event.EventTime;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming clients and their subscriptions: takes each batch of Kafka events and offers every
 * event to the clients subscribed to it; answers subscribe (history, then live) and unsubscribe.
 */
public class StreamHub implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);

    private final Set<StreamClient> clients = new CopyOnWriteArraySet<>();
    private ExecutorService historyLoader;
    private StreamHistory history;
    private int maxHistory = 1000;

    public synchronized void start() {
        historyLoader = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "stream-history");
            thread.setDaemon(true);
            return thread;
        });
    }

    void connect(StreamClient client) {
        clients.add(client);
    }

    void disconnect(StreamClient client) {
        client.close();
        clients.remove(client);
    }

    /** A text frame from a WebSocket client. */
    void onFrame(StreamClient client, String text) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (IOException e) {
            client.send(error("frame", "a frame must be JSON: " + e.getMessage().lines().findFirst().orElse("")));
            return;
        }
        try {
            handle(client, StreamRequest.parse(frame, maxHistory));
        } catch (StreamRequest.Invalid invalid) {
            client.send(error(invalid.field, invalid.getMessage()));
        }
    }

    /** A request from WebSocket or SSE: subscribe answers `subscribed`, then the history, then live events. */
    void handle(StreamClient client, StreamRequest request) {
        if (request.eventType().equals("unsubscribe")) {
            boolean removed = client.subscriptions().remove(request.key()) != null;
            client.send(removed ? ack("unsubscribed", request) : error("data_type", "no subscription to this data to end"));
            return;
        }
        StreamClient.Subscription subscription = new StreamClient.Subscription(request);
        if (client.subscriptions().putIfAbsent(request.key(), subscription) != null) {
            client.send(error("data_type", "already subscribed to this data"));
            return;
        }
        client.send(ack("subscribed", request));
        historyLoader.execute(() -> {
            String frame = null;
            Instant end = null;
            try {
                List<ObjectNode> values = history.last(request);
                if (request.history() > 0) {
                    ArrayNode data = JSON.createArrayNode();
                    values.forEach(data::add);
                    ObjectNode historyFrame = frame("history", request.dataType());
                    historyFrame.set("data", data);
                    frame = historyFrame.toString();
                    end = values.isEmpty() ? null : eventTime(values.get(values.size() - 1));
                }
            } catch (Exception e) {
                LOG.warn("Could not load history for {}: {}", request, e.getMessage());
                frame = error("history", "stored values could not be read; live events follow");
            }
            client.goLive(subscription, frame, end);
        });
    }

    /** Offers a batch of Kafka events to the subscribed clients; never waits for a client. */
    public void publish(List<Exchange> records) {
        if (clients.isEmpty()) {
            return;
        }
        for (Exchange record : records) {
            JsonNode event;
            try {
                event = JSON.readTree(record.getMessage().getBody(String.class));
            } catch (IOException e) {
                continue;
            }
            String type = event.hasNonNull("type") ? event.get("type").asText() : "tick";
            Instant time = eventTime(event);
            String frame = null;
            for (StreamClient client : clients) {
                for (StreamClient.Subscription subscription : client.subscriptions().values()) {
                    if (!subscription.request.matches(type, event)) {
                        continue;
                    }
                    if (subscription.candles != null) {
                        for (ObjectNode candle : subscription.candles.add(event, time)) {
                            client.offer(subscription, time, data("ohlcv", candle));
                        }
                        continue;
                    }
                    frame = frame != null ? frame : data(subscription.request.dataType(), event);
                    client.offer(subscription, time, frame);
                }
            }
        }
    }

    private static Instant eventTime(JsonNode event) {
        String text = event.hasNonNull("ts") ? event.get("ts").asText() : event.path("time").asText(null);
        try {
            return text == null ? Instant.now() : EventTime.parse(text);
        } catch (RuntimeException e) {
            return Instant.now();
        }
    }

    private static String data(String dataType, JsonNode event) {
        ObjectNode frame = frame("data", dataType);
        frame.set("data", event);
        return frame.toString();
    }

    private static ObjectNode frame(String eventType, String dataType) {
        ObjectNode frame = JSON.createObjectNode();
        frame.put("event_type", eventType);
        frame.put("data_type", dataType);
        return frame;
    }

    private static String ack(String eventType, StreamRequest request) {
        ObjectNode frame = frame(eventType, request.dataType());
        frame.put("exchange", request.exchange());
        frame.put("symbol", request.symbol());
        frame.put("name", request.name());
        frame.put("interval", request.interval());
        return frame.toString();
    }

    static String error(String field, String message) {
        ObjectNode frame = JSON.createObjectNode();
        frame.put("event_type", "error");
        frame.put("field", field);
        frame.put("message", message);
        return frame.toString();
    }

    @Override
    public synchronized void close() {
        if (historyLoader != null) {
            historyLoader.shutdownNow();
        }
    }

    public void setHistory(StreamHistory history) {
        this.history = history;
    }

    public void setMaxHistory(int maxHistory) {
        this.maxHistory = maxHistory;
    }

    int maxHistory() {
        return maxHistory;
    }
}
