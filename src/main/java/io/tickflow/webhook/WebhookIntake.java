package io.tickflow.webhook;

import java.io.IOException;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickflow.event.EventTime;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a batch of Kafka events into queued webhook messages in one transaction: per matching
 * active subscription, one message per event, or for a batched subscription one message per
 * {@code batch.maxEvents} of its matching events, in Kafka order. The Kafka offsets queued move in
 * the same transaction, so records of a re-read batch that are already queued are skipped.
 * Bodies are built once, so every attempt sends the same bytes.
 */
public class WebhookIntake {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);

    private DataSource dataSource;
    private SubscriptionStore subscriptionStore;
    private MessageStore messageStore;
    private QueuedOffsets queuedOffsets;
    private String groupId;

    /** A readable event with where it was read; its one-event body is built when first needed. */
    private static final class Event {
        final String topic;
        final Object partition;
        final long offset;
        final JsonNode data;
        final String type;
        final Instant time;
        private String body;

        Event(String topic, Object partition, long offset, JsonNode data) {
            this.topic = topic;
            this.partition = partition;
            this.offset = offset;
            this.data = data;
            this.type = eventType(data);
            this.time = eventTime(data);
        }

        String body() {
            if (body == null) {
                body = WebhookIntake.body(type, time, data);
            }
            return body;
        }
    }

    /** Queues the batch; returns how many messages. */
    public int enqueue(List<Exchange> records) throws Exception {
        Map<String, List<Subscription>> alike = new LinkedHashMap<>();
        for (Subscription subscription : subscriptionStore.active()) {
            alike.computeIfAbsent(subscription.eventTypes() + "|" + subscription.filters() + "|" + subscription.batchMaxEvents(),
                    key -> new ArrayList<>()).add(subscription);
        }
        if (alike.isEmpty()) {
            return 0;
        }
        List<Position> positions = new ArrayList<>(records.size());
        Map<String, Long> next = new HashMap<>();
        for (Exchange record : records) {
            Message m = record.getMessage();
            Position position = new Position(m.getHeader(KafkaConstants.TOPIC, String.class), m.getHeader(KafkaConstants.PARTITION),
                    m.getHeader(KafkaConstants.OFFSET, Long.class), m.getBody(String.class));
            positions.add(position);
            next.merge(position.partitionKey(), position.offset() + 1, Math::max);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<Event> events = notYetQueued(positions, queuedOffsets.lock(c, groupId, next.keySet()));
            List<MessageStore.NewMessage> messages = new ArrayList<>();
            for (List<Subscription> subscriptions : alike.values()) {
                messagesFor(subscriptions, events, messages);
            }
            messageStore.insert(c, messages);
            queuedOffsets.advance(c, groupId, next);
            c.commit();
            return messages.size();
        }
    }

    /** Where a record was read, and its payload: the headers are looked up once per record. */
    private record Position(String topic, Object partition, long offset, String payload) {
        String partitionKey() {
            return topic + "/" + partition;
        }
    }

    private static List<Event> notYetQueued(List<Position> positions, Map<String, Long> queuedUpTo) {
        List<Event> events = new ArrayList<>(positions.size());
        for (Position position : positions) {
            if (position.offset() < queuedUpTo.getOrDefault(position.partitionKey(), Long.MIN_VALUE)) {
                continue;
            }
            try {
                events.add(new Event(position.topic(), position.partition(), position.offset(),
                        SubscriptionRequests.JSON.readTree(position.payload())));
            } catch (IOException e) {
                // the connectors dead-letter unreadable events; this one cannot be matched to anyone
                LOG.warn("Skipping an unreadable event for webhooks: {}", e.getMessage());
            }
        }
        return events;
    }

    /**
     * The messages of subscriptions alike (same event types, filters and batching): the events
     * are matched and the bodies built once for all of them, since at high rates many
     * subscribers ask for the same stream and matching per subscriber cost the most.
     */
    private static void messagesFor(List<Subscription> alike, List<Event> events, List<MessageStore.NewMessage> messages) {
        Subscription model = alike.get(0);
        EventFilter filter = EventFilter.parse(SubscriptionRequests.tree(model.filters()));
        Integer maxEvents = model.batchMaxEvents();
        List<List<Event>> requests = new ArrayList<>();
        for (Event event : events) {
            if (!model.eventTypes().contains(event.type) || !filter.matches(event.data)) {
                continue;
            }
            if (maxEvents == null || requests.isEmpty() || requests.get(requests.size() - 1).size() == maxEvents) {
                requests.add(new ArrayList<>());
            }
            requests.get(requests.size() - 1).add(event);
        }
        for (List<Event> request : requests) {
            MessageStore.NewMessage shared = maxEvents == null ? single(request.get(0)) : batch(request);
            for (Subscription subscription : alike) {
                Event first = request.get(0);
                messages.add(new MessageStore.NewMessage(MessageStore.messageIdFor(subscription.id(), first.topic, first.partition,
                        first.offset), subscription.id(), shared.eventType(), shared.eventTime(), shared.lastEventTime(),
                        shared.eventCount(), shared.body()));
            }
        }
    }

    /** The message of one event, still without id and subscription. */
    private static MessageStore.NewMessage single(Event event) {
        return new MessageStore.NewMessage(null, null, event.type, event.time, event.body());
    }

    /** One message of several events, named after its first: {"type":"batch","timestamp","data":[bodies]}. */
    private static MessageStore.NewMessage batch(List<Event> batch) {
        Instant first = batch.get(0).time;
        Instant last = first;
        StringBuilder data = new StringBuilder();
        for (Event event : batch) {
            first = event.time.isBefore(first) ? event.time : first;
            last = event.time.isAfter(last) ? event.time : last;
            data.append(data.length() == 0 ? "" : ",").append(event.body());
        }
        String body = "{\"type\":\"batch\",\"timestamp\":\"" + EventTime.format(first) + "\",\"data\":[" + data + "]}";
        return new MessageStore.NewMessage(null, null, "batch", first, last, batch.size(), body);
    }

    /** The event's `type`; the simulator's ticks carry none and are `tick`. */
    static String eventType(JsonNode event) {
        return event.hasNonNull("type") ? event.get("type").asText() : "tick";
    }

    static Instant eventTime(JsonNode event) {
        for (String field : List.of("ts", "time")) {
            if (event.hasNonNull(field)) {
                try {
                    return EventTime.parse(event.get(field).asText());
                } catch (RuntimeException e) {
                    // fall back to the time it reached us
                }
            }
        }
        return Instant.now();
    }

    /** The Standard Webhooks body: {"type","timestamp","data"}. */
    static String body(String type, Instant time, JsonNode data) {
        ObjectNode body = SubscriptionRequests.JSON.createObjectNode();
        body.put("type", type);
        body.put("timestamp", EventTime.format(time));
        body.set("data", data);
        return body.toString();
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void setSubscriptionStore(SubscriptionStore subscriptionStore) {
        this.subscriptionStore = subscriptionStore;
    }

    public void setMessageStore(MessageStore messageStore) {
        this.messageStore = messageStore;
    }

    public void setQueuedOffsets(QueuedOffsets queuedOffsets) {
        this.queuedOffsets = queuedOffsets;
    }

    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }
}
