package io.tickflow.sink;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tickflow.event.EventTime;

/**
 * A record that can never be stored, with where it came from and why: published to the
 * dead-letter topic so nothing is dropped silently.
 */
public record DeadLetter(String source, String reason, String topic, Integer partition, Long offset,
        String key, String payload) {

    /** The dead-letter event as it goes to Kafka. */
    public Map<String, Object> toEvent() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "deadletter");
        event.put("source", source);
        event.put("reason", reason);
        event.put("topic", topic);
        event.put("partition", partition);
        event.put("offset", offset);
        event.put("key", key);
        event.put("payload", payload);
        event.put("receivedTs", EventTime.format(Instant.now()));
        return event;
    }
}
