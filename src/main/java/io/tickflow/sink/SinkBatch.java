package io.tickflow.sink;

import java.util.ArrayList;
import java.util.List;

import io.tickflow.event.DeadLetter;
import io.tickflow.event.EventParser;
import io.tickflow.event.InvalidEventException;
import io.tickflow.event.ParsedEvent;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * One polled Kafka batch, split into the events a sink can store and the dead letters it cannot.
 * A class, not a record: a record's hashCode would hash every event, and Camel hashes the body
 * while routing it (that alone cost more than writing the batch).
 */
public final class SinkBatch {

    private final List<ParsedEvent> accepted;
    private final List<DeadLetter> rejected;

    private SinkBatch(List<ParsedEvent> accepted, List<DeadLetter> rejected) {
        this.accepted = accepted;
        this.rejected = rejected;
    }

    public List<ParsedEvent> accepted() {
        return accepted;
    }

    public List<DeadLetter> rejected() {
        return rejected;
    }

    /** For the route's counters: cheaper than size() on the list, which Camel's bean call would hash whole. */
    public int acceptedCount() {
        return accepted.size();
    }

    public int rejectedCount() {
        return rejected.size();
    }

    public int recordCount() {
        return accepted.size() + rejected.size();
    }

    /**
     * Parses each record of a batch, from its bytes as Kafka holds them (the sink routes read
     * values with Kafka's ByteArrayDeserializer); the sink name is recorded in its dead letters.
     */
    public static SinkBatch parse(List<Exchange> records, String sink) {
        List<ParsedEvent> accepted = new ArrayList<>(records.size());
        List<DeadLetter> rejected = new ArrayList<>();
        for (Exchange record : records) {
            Message message = record.getMessage();
            byte[] payload = message.getBody(byte[].class);
            try {
                accepted.add(EventParser.parse(payload));
            } catch (InvalidEventException e) {
                rejected.add(DeadLetter.ofRecord(sink, e.getMessage(),
                        message.getHeader(KafkaConstants.TOPIC, String.class),
                        message.getHeader(KafkaConstants.PARTITION, Integer.class),
                        message.getHeader(KafkaConstants.OFFSET, Long.class),
                        message.getHeader(KafkaConstants.KEY, String.class), payload));
            }
        }
        return new SinkBatch(accepted, rejected);
    }
}
