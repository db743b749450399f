package io.tickflow.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickflow.event.EventTime;
import io.tickflow.kafka.RecordOrigin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming clients and their subscriptions: takes each batch of Kafka events and offers every
 * event to the clients subscribed to it; answers subscribe (history, then live) and unsubscribe,
 * within each client's {@link StreamLimits}.
 */
public class StreamHub implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Events go out as their record's bytes, so a record with anything after its JSON is not one. */
    private static final ObjectReader EVENTS = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);

    private final Set<StreamClient> clients = ConcurrentHashMap.newKeySet();
    private final SubscriptionIndex index = new SubscriptionIndex();
    private HistoryQueue historyQueue;
    private StreamHistory history;
    private StreamLimits limits = new StreamLimits();
    private int maxHistory = 1000;
    private int maxBatchMs = 1000;
    private int historyThreads = 2;

    public synchronized void start() {
        historyQueue = new HistoryQueue(historyThreads, limits.getMaxHistoryInFlightPerConnection());
    }

    /** Adds a client, unless there are already max-connections. */
    synchronized boolean connect(StreamClient client) {
        if (clients.size() >= limits.getMaxConnections()) {
            return false;
        }
        clients.add(client);
        return true;
    }

    synchronized void disconnect(StreamClient client) {
        client.close();
        if (clients.remove(client)) {
            client.subscriptions().values().forEach(index::remove);
            historyQueue.forget(client);
        }
    }

    synchronized int connections() {
        return clients.size();
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
            handle(client, StreamRequest.parse(frame, maxHistory, maxBatchMs));
        } catch (StreamRequest.Invalid invalid) {
            client.send(error(invalid.field, invalid.getMessage()));
        }
    }

    /** A request from WebSocket or SSE: subscribe answers `subscribed`, then the history, then live events. */
    void handle(StreamClient client, StreamRequest request) {
        if (request.eventType().equals("unsubscribe")) {
            StreamClient.Subscription removed = client.subscriptions().remove(request.key());
            if (removed != null) {
                index.remove(removed);
            }
            client.send(removed != null ? ack("unsubscribed", request) : error("data_type", "no subscription to this data to end"));
            return;
        }
        String refused = refusal(client, request);
        if (refused != null) {
            client.send(refused);
            return;
        }
        StreamClient.Subscription subscription = new StreamClient.Subscription(request, client);
        client.subscriptions().put(request.key(), subscription);
        index.add(subscription);
        client.send(ack("subscribed", request));
        if (request.history() == 0) {
            client.goLive(subscription, null, null);
        } else {
            historyQueue.submit(client, () -> loadHistory(subscription));
        }
    }

    /**
     * Why a subscribe cannot be served, as an error frame, or null. Runs on the client's own
     * thread, the only one adding to its subscriptions and history queries, so a yes holds.
     */
    private String refusal(StreamClient client, StreamRequest request) {
        if (client.subscriptions().containsKey(request.key())) {
            return error("data_type", "already subscribed to this data");
        }
        int subscriptions = limits.getMaxSubscriptionsPerConnection();
        if (client.subscriptions().size() >= subscriptions) {
            return StreamLimits.error("event_type", StreamLimits.SUBSCRIPTIONS, "this connection has " + subscriptions
                    + " subscriptions, the most it may have; unsubscribe from one first");
        }
        if (request.history() > 0 && !historyQueue.hasRoom(client)) {
            return StreamLimits.error("history", StreamLimits.HISTORY_IN_FLIGHT, "this connection already waits for "
                    + limits.getMaxHistoryInFlightPerConnection() + " histories, the most it may; subscribe again once one"
                    + " has arrived, or without history");
        }
        return null;
    }

    private void loadHistory(StreamClient.Subscription subscription) {
        StreamRequest request = subscription.request;
        StreamFrame frame;
        Instant end = null;
        try {
            List<ObjectNode> values = history.last(request);
            ArrayNode data = JSON.createArrayNode();
            values.forEach(data::add);
            ObjectNode historyFrame = frame("history", request.dataType());
            historyFrame.set("data", data);
            frame = StreamFrame.control(historyFrame.toString());
            end = values.isEmpty() ? null : eventTime(values.get(values.size() - 1));
        } catch (Exception e) {
            LOG.warn("Could not load history for {}: {}", request, e.getMessage());
            frame = StreamFrame.control(error("history", "stored values could not be read; live events follow"));
        }
        subscription.client.goLive(subscription, frame, end);
    }

    /**
     * Offers a batch of Kafka events to the subscribed clients; never waits for a client. An event's
     * frame is made once, around the record's own JSON, and the same bytes go to all its subscribers.
     */
    public void publish(List<ConsumerRecord<byte[], byte[]>> records) {
        if (clients.isEmpty()) {
            return;
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (RecordOrigin.backfilled(record)) {
                continue;
            }
            byte[] value = record.value();
            JsonNode event;
            try {
                event = value == null ? null : EVENTS.readTree(value);
            } catch (IOException e) {
                continue;
            }
            if (event == null || !event.isObject()) {
                continue;
            }
            String type = event.hasNonNull("type") ? event.get("type").asText() : "tick";
            Set<StreamClient.Subscription> subscriptions = index.subscribers(StreamRequest.eventKey(type, event));
            if (subscriptions.isEmpty()) {
                continue;
            }
            Instant time = eventTime(event);
            StreamFrame frame = null;
            for (StreamClient.Subscription subscription : subscriptions) {
                if (subscription.candles != null) {
                    for (ObjectNode candle : subscription.candles.add(event, time)) {
                        subscription.client.offer(subscription, time, StreamFrame.data("ohlcv", candle.toString().getBytes(StandardCharsets.UTF_8)));
                    }
                    continue;
                }
                frame = frame != null ? frame : StreamFrame.data(subscription.request.dataType(), value);
                subscription.client.offer(subscription, time, frame);
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
        if (historyQueue != null) {
            historyQueue.close();
        }
    }

    public void setHistory(StreamHistory history) {
        this.history = history;
    }

    public void setLimits(StreamLimits limits) {
        this.limits = limits;
    }

    StreamLimits limits() {
        return limits;
    }

    public void setHistoryThreads(int historyThreads) {
        this.historyThreads = historyThreads;
    }

    public void setMaxHistory(int maxHistory) {
        this.maxHistory = maxHistory;
    }

    public void setMaxBatchMs(int maxBatchMs) {
        this.maxBatchMs = maxBatchMs;
    }

    int maxHistory() {
        return maxHistory;
    }
}
