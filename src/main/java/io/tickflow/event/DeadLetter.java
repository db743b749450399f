package io.tickflow.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What can never be stored, with where it came from and why: one shape for the feeds (a frame
 * that cannot become events) and the sinks (a Kafka record that fails the contract), published
 * to the dead-letter topic so nothing is dropped silently. payload holds the original text; a
 * sink's letter also names the record's topic, partition, offset and key.
 */
public record DeadLetter(String source, String reason, Instant receivedTs, String topic, Integer partition, Long offset,
        String key, String payload) {

    /** A feed's frame; payload is empty when the frame was too long to keep. */
    public static DeadLetter ofFrame(String feed, String frame, String reason, Instant receivedTs) {
        return new DeadLetter(feed, reason, receivedTs, null, null, null, null, frame);
    }

    /** A sink's Kafka record, dead-lettered now. */
    public static DeadLetter ofRecord(String sink, String reason, String topic, Integer partition, Long offset,
            String key, byte[] value) {
        return new DeadLetter(sink, reason, Instant.now(), topic, partition, offset, key,
                value == null ? null : new String(value, StandardCharsets.UTF_8));
    }

    /** The dead-letter event as it goes to Kafka; a record's topic, partition, offset and key only where there is a record. */
    public Map<String, Object> toEvent() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", EventRecord.DEAD_LETTER);
        event.put("source", source);
        event.put("reason", reason);
        event.put("receivedTs", EventTime.format(receivedTs));
        if (topic != null) {
            event.put("topic", topic);
            event.put("partition", partition);
            event.put("offset", offset);
            event.put("key", key);
        }
        event.put("payload", payload);
        return event;
    }

    /** A feed's dead letter as it goes to Kafka, keyed by the feed's name. */
    public EventRecord toRecord() {
        return new EventRecord(EventRecord.DEAD_LETTER, source, EventWriter.json(toEvent()));
    }
}
