package io.tickflow.sink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.tickflow.event.DeadLetter;
import io.tickflow.event.EventParser;
import io.tickflow.event.InvalidEventException;
import io.tickflow.event.ParsedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One polled Kafka batch: the events a sink can store and the dead letters it cannot. A writer
 * either asks for the parsed events ({@link #accepted()}) or hands over a store that takes the
 * events' bytes itself ({@link #store}); the records are read once either way, when first asked.
 * A class, not a record: a record's hashCode would hash every event, and Camel hashes the body
 * while routing it (that alone cost more than writing the batch).
 */
public final class SinkBatch {

    private final List<ConsumerRecord<byte[], byte[]>> records;
    private final String sink;
    private List<ParsedEvent> accepted;
    private List<DeadLetter> rejected;
    private int acceptedCount;

    private SinkBatch(List<ConsumerRecord<byte[], byte[]>> records, String sink) {
        this.records = records;
        this.sink = sink;
    }

    /**
     * The batch of records whose values are events as Kafka holds them (the sink route's
     * kafka-batch endpoint hands over the polled records); the sink name is recorded in its dead letters.
     */
    public static SinkBatch parse(List<ConsumerRecord<byte[], byte[]>> records, String sink) {
        return new SinkBatch(records, sink);
    }

    /** The events that meet the contract, parsed. */
    public List<ParsedEvent> accepted() {
        if (accepted == null) {
            List<ParsedEvent> events = new ArrayList<>(records.size());
            List<DeadLetter> dead = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                byte[] payload = payload(record);
                try {
                    events.add(EventParser.parse(payload));
                } catch (InvalidEventException e) {
                    dead.add(deadLetter(record, payload, e));
                }
            }
            accepted = events;
            rejected = dead;
            acceptedCount = events.size();
        }
        return accepted;
    }

    /**
     * Offers each record's bytes to the store, which writes what it can take as it is; the others
     * are parsed, and given to it as events or kept as dead letters. Again from the start when called again (a retried write).
     */
    public void store(Predicate<byte[]> bytes, Consumer<ParsedEvent> events) {
        List<DeadLetter> dead = new ArrayList<>();
        int stored = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            byte[] payload = payload(record);
            if (payload != null && bytes.test(payload)) {
                stored++;
                continue;
            }
            try {
                events.accept(EventParser.parse(payload));
                stored++;
            } catch (InvalidEventException e) {
                dead.add(deadLetter(record, payload, e));
            }
        }
        rejected = dead;
        acceptedCount = stored;
    }

    public List<DeadLetter> rejected() {
        if (rejected == null) {
            accepted();
        }
        return rejected;
    }

    /** For the route's counters: cheaper than size() on the list, which Camel's bean call would hash whole. */
    public int acceptedCount() {
        if (rejected == null) {
            accepted();
        }
        return acceptedCount;
    }

    public int rejectedCount() {
        return rejected().size();
    }

    public int recordCount() {
        return records.size();
    }

    private static byte[] payload(ConsumerRecord<byte[], byte[]> record) {
        return record.value();
    }

    private DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record, byte[] payload, InvalidEventException e) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        return DeadLetter.ofRecord(sink, e.getMessage(), record.topic(), record.partition(), record.offset(), key, payload);
    }
}
