package io.tickflow.webhook;

import java.io.IOException;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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

    private record Target(Subscription subscription, EventFilter filter) {
    }

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
        List<Target> targets = new ArrayList<>();
        for (Subscription subscription : subscriptionStore.active()) {
            targets.add(new Target(subscription, EventFilter.parse(SubscriptionRequests.tree(subscription.filters()))));
        }
        if (targets.isEmpty()) {
            return 0;
        }
        Map<String, Long> next = new HashMap<>();
        for (Exchange record : records) {
            Message m = record.getMessage();
            next.merge(m.getHeader(KafkaConstants.TOPIC) + "/" + m.getHeader(KafkaConstants.PARTITION),
                    m.getHeader(KafkaConstants.OFFSET, Long.class) + 1, Math::max);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<Event> events = notYetQueued(records, queuedOffsets.lock(c, groupId, next.keySet()));
            List<MessageStore.NewMessage> messages = new ArrayList<>();
            for (Target target : targets) {
                messagesFor(target, events, messages);
            }
            messageStore.insert(c, messages);
            queuedOffsets.advance(c, groupId, next);
            c.commit();
            return messages.size();
        }
    }

    private static List<Event> notYetQueued(List<Exchange> records, Map<String, Long> queuedUpTo) {
        List<Event> events = new ArrayList<>(records.size());
        for (Exchange record : records) {
            Message m = record.getMessage();
            String topic = m.getHeader(KafkaConstants.TOPIC, String.class);
            Object partition = m.getHeader(KafkaConstants.PARTITION);
            long offset = m.getHeader(KafkaConstants.OFFSET, Long.class);
            if (offset < queuedUpTo.getOrDefault(topic + "/" + partition, Long.MIN_VALUE)) {
                continue;
            }
            try {
                events.add(new Event(topic, partition, offset, SubscriptionRequests.JSON.readTree(m.getBody(String.class))));
            } catch (IOException e) {
                // the connectors dead-letter unreadable events; this one cannot be matched to anyone
                LOG.warn("Skipping an unreadable event for webhooks: {}", e.getMessage());
            }
        }
        return events;
    }

    private static void messagesFor(Target target, List<Event> events, List<MessageStore.NewMessage> messages) {
        Subscription subscription = target.subscription();
        Integer maxEvents = subscription.batchMaxEvents();
        List<Event> batch = new ArrayList<>();
        for (Event event : events) {
            if (!subscription.eventTypes().contains(event.type) || !target.filter().matches(event.data)) {
                continue;
            }
            if (maxEvents == null) {
                messages.add(new MessageStore.NewMessage(id(subscription, event), subscription.id(), event.type, event.time,
                        event.body()));
                continue;
            }
            batch.add(event);
            if (batch.size() == maxEvents) {
                messages.add(batchMessage(subscription, batch));
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            messages.add(batchMessage(subscription, batch));
        }
    }

    /** One message of several events, named after its first: {"type":"batch","timestamp","data":[bodies]}. */
    private static MessageStore.NewMessage batchMessage(Subscription subscription, List<Event> batch) {
        Instant first = batch.get(0).time;
        Instant last = first;
        StringBuilder data = new StringBuilder();
        for (Event event : batch) {
            first = event.time.isBefore(first) ? event.time : first;
            last = event.time.isAfter(last) ? event.time : last;
            data.append(data.length() == 0 ? "" : ",").append(event.body());
        }
        String body = "{\"type\":\"batch\",\"timestamp\":\"" + EventTime.format(first) + "\",\"data\":[" + data + "]}";
        return new MessageStore.NewMessage(id(subscription, batch.get(0)), subscription.id(), "batch", first, last,
                batch.size(), body);
    }

    private static String id(Subscription subscription, Event event) {
        return MessageStore.messageIdFor(subscription.id(), event.topic, event.partition, event.offset);
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
