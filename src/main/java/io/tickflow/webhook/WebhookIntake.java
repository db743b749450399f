package io.tickflow.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tickflow.event.EventTime;
import io.tickflow.kafka.RecordOrigin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a polled batch of Kafka records (a {@code kafka-batch:} Exchange's body, committed to Kafka
 * only once this has returned) into queued webhook messages in one transaction: per matching
 * active subscription, one message per event, or for a batched subscription one message per
 * {@code batch.maxEvents} of its matching events, in Kafka order. The Kafka offsets queued move in
 * the same transaction, so records of a re-read batch that are already queued are skipped.
 * Bodies are built once, so every attempt sends the same bytes, the event's own text spliced in
 * as {@code data}, and a body going to several alike subscriptions is stored once. Once committed, the messages are handed to the dispatcher
 * to be sent from memory (leased to it meanwhile), while it has room for them.
 */
public class WebhookIntake {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);
    // an event is spliced into bodies as it is, so it must be one JSON value and nothing after it
    private static final ObjectReader EVENTS = SubscriptionRequests.JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private DataSource dataSource;
    private SubscriptionStore subscriptionStore;
    private MessageStore messageStore;
    private QueuedOffsets queuedOffsets;
    private WebhookDispatcher dispatcher;
    private String groupId;

    /** A readable event with where it was read; its one-event body is built when first needed. */
    private static final class Event {
        final String topic;
        final int partition;
        final long offset;
        final String text;
        final JsonNode data;
        final String type;
        final Instant time;
        private String body;

        Event(String topic, int partition, long offset, String text, JsonNode data) {
            this.topic = topic;
            this.partition = partition;
            this.offset = offset;
            this.text = text;
            this.data = data;
            this.type = eventType(data);
            this.time = eventTime(data);
        }

        String body() {
            if (body == null) {
                body = WebhookIntake.body(type, time, text);
            }
            return body;
        }
    }

    /** A message to queue, for whom, and its body as sent. */
    private record Queued(MessageStore.NewMessage message, Subscription subscription, WebhookBody body) {
    }

    /** Queues the batch; returns how many messages. */
    public int enqueue(List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
        List<Subscription> active = subscriptionStore.active();
        Map<String, List<Subscription>> alike = new LinkedHashMap<>();
        for (Subscription subscription : active) {
            alike.computeIfAbsent(alikeKey(subscription), key -> new ArrayList<>()).add(subscription);
        }
        if (alike.isEmpty()) {
            return 0;
        }
        Map<String, Long> next = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            next.merge(partitionKey(record.topic(), record.partition()), record.offset() + 1, Math::max);
        }
        List<Queued> queued = new ArrayList<>();
        List<String> inserted;
        OffsetDateTime lease;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<Event> events = notYetQueued(records, queuedOffsets.lock(c, groupId, next.keySet()));
            matchAll(alike, events, queued);
            lease = dispatcher.hasRoomFor(queued.size()) ? dispatcher.newLease() : null;
            inserted = messageStore.insert(c, queued.stream().map(Queued::message).toList(), lease);
            queuedOffsets.advance(c, groupId, next);
            c.commit();
        }
        if (lease != null && !inserted.isEmpty()) {
            Set<String> ids = new HashSet<>(inserted);
            List<Delivery> deliveries = new ArrayList<>(inserted.size());
            for (Queued q : queued) {
                if (ids.contains(q.message().id())) {
                    deliveries.add(new Delivery(q.message().id(), q.subscription().id(), q.subscription().url(), q.subscription().secret(),
                            q.body(), 0, lease));
                }
            }
            dispatcher.offer(deliveries, active);
        }
        return inserted.size();
    }

    private static String alikeKey(Subscription subscription) {
        return subscription.eventTypes() + "|" + subscription.filters() + "|" + subscription.batchMaxEvents();
    }

    /** A partition as {@link QueuedOffsets} names it. */
    private static String partitionKey(String topic, int partition) {
        return topic + "/" + partition;
    }

    private static List<Event> notYetQueued(List<ConsumerRecord<byte[], byte[]>> records, Map<String, Long> queuedUpTo) {
        List<Event> events = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.offset() < queuedUpTo.getOrDefault(partitionKey(record.topic(), record.partition()), Long.MIN_VALUE)) {
                continue;
            }
            if (RecordOrigin.backfilled(record)) {
                continue;
            }
            if (record.value() == null) {
                LOG.warn("Skipping an event without a value for webhooks ({}/{} offset {})", record.topic(), record.partition(), record.offset());
                continue;
            }
            String text = new String(record.value(), StandardCharsets.UTF_8);
            try {
                JsonNode data = EVENTS.readTree(text);
                if (data.isMissingNode()) {
                    throw new IOException("no JSON value");
                }
                events.add(new Event(record.topic(), record.partition(), record.offset(), text, data));
            } catch (IOException e) {
                // the connectors dead-letter unreadable events; this one cannot be matched to anyone
                LOG.warn("Skipping an unreadable event for webhooks: {}", e.getMessage());
            }
        }
        return events;
    }

    /**
     * Subscriptions alike (same event types, filters and batching): their events are matched and
     * their bodies built once for all of them, since at high rates many subscribers ask for the
     * same stream; the requests of the group, in Kafka order.
     */
    private static final class Group {
        final String key;
        final List<Subscription> subscriptions;
        final EventFilter filter;
        final List<List<Event>> requests = new ArrayList<>();

        Group(String key, List<Subscription> subscriptions) {
            this.key = key;
            this.subscriptions = subscriptions;
            this.filter = EventFilter.parse(SubscriptionRequests.tree(subscriptions.get(0).filters()));
        }

        void offer(Event event) {
            Subscription model = subscriptions.get(0);
            if (!model.eventTypes().contains(event.type) || !filter.matches(event.data)) {
                return;
            }
            Integer maxEvents = model.batchMaxEvents();
            if (maxEvents == null || requests.isEmpty() || requests.get(requests.size() - 1).size() == maxEvents) {
                requests.add(new ArrayList<>());
            }
            requests.get(requests.size() - 1).add(event);
        }
    }

    /** Each event offered to the groups that could take it, then their messages. */
    private static void matchAll(Map<String, List<Subscription>> alike, List<Event> events, List<Queued> queued) {
        List<Group> groups = new ArrayList<>();
        alike.forEach((key, subscriptions) -> groups.add(new Group(key, subscriptions)));
        CandidateIndex<Group> index = new CandidateIndex<>(groups, group -> SubscriptionRequests.tree(group.subscriptions.get(0).filters()));
        for (Event event : events) {
            for (Group group : index.candidates(event.data)) {
                group.offer(event);
            }
        }
        for (Group group : groups) {
            messagesFor(group, queued);
        }
    }

    /** A group's messages; a body going to several subscriptions is stored once, named after the group and its first event. */
    private static void messagesFor(Group group, List<Queued> queued) {
        for (List<Event> request : group.requests) {
            MessageStore.NewMessage shared = group.subscriptions.get(0).batchMaxEvents() == null ? single(request.get(0)) : batch(request);
            Event first = request.get(0);
            String bodyId = group.subscriptions.size() == 1 ? null
                    : MessageIds.of("body_", group.key + "/" + first.topic + "/" + first.partition + "/" + first.offset);
            WebhookBody body = new WebhookBody(shared.body());
            for (Subscription subscription : group.subscriptions) {
                queued.add(new Queued(new MessageStore.NewMessage(MessageStore.messageIdFor(subscription.id(), first.topic,
                        first.partition, first.offset), subscription.id(), shared.eventType(), shared.eventTime(),
                        shared.lastEventTime(), shared.eventCount(), shared.body(), bodyId), subscription, body));
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
        return new MessageStore.NewMessage(null, null, "batch", first, last, batch.size(), body, null);
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

    /** The Standard Webhooks body: {"type","timestamp","data"}, {@code data} the JSON text given, as it is. */
    static String body(String type, Instant time, String data) {
        StringBuilder body = new StringBuilder(data.length() + type.length() + 64).append("{\"type\":\"");
        JsonStringEncoder.getInstance().quoteAsString(type, body);
        return body.append("\",\"timestamp\":\"").append(EventTime.format(time)).append("\",\"data\":").append(data).append('}').toString();
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

    public void setDispatcher(WebhookDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }
}
