package io.tickflow.webhook;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickflow.event.EventTime;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a batch of Kafka events into queued webhook messages, one per event and matching active
 * subscription, in one transaction. The body is built once, so every attempt sends the same bytes.
 */
public class WebhookIntake {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);

    private SubscriptionStore subscriptionStore;
    private MessageStore messageStore;

    private record Target(Subscription subscription, EventFilter filter) {
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
        List<MessageStore.NewMessage> messages = new ArrayList<>();
        for (Exchange record : records) {
            String payload = record.getMessage().getBody(String.class);
            JsonNode event;
            try {
                event = SubscriptionRequests.JSON.readTree(payload);
            } catch (IOException e) {
                // the connectors dead-letter unreadable events; this one cannot be matched to anyone
                LOG.warn("Skipping an unreadable event for webhooks: {}", e.getMessage());
                continue;
            }
            String type = eventType(event);
            Instant time = eventTime(event);
            String body = null;
            for (Target target : targets) {
                if (target.subscription().eventTypes().contains(type) && target.filter().matches(event)) {
                    body = body != null ? body : body(type, time, event);
                    String id = MessageStore.messageIdFor(target.subscription().id(),
                            record.getMessage().getHeader(KafkaConstants.TOPIC, String.class),
                            record.getMessage().getHeader(KafkaConstants.PARTITION),
                            record.getMessage().getHeader(KafkaConstants.OFFSET));
                    messages.add(new MessageStore.NewMessage(id, target.subscription().id(), type, time, body));
                }
            }
        }
        messageStore.enqueue(messages);
        return messages.size();
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

    public void setSubscriptionStore(SubscriptionStore subscriptionStore) {
        this.subscriptionStore = subscriptionStore;
    }

    public void setMessageStore(MessageStore messageStore) {
        this.messageStore = messageStore;
    }
}
