package io.tickflow.sink;

import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

import io.questdb.client.Sender;
import io.tickflow.event.EventType;

/**
 * Writes a batch of events to QuestDB over ILP, one table per event type, and flushes it, so
 * the batch is stored when write() returns and its Kafka offsets may be committed. A Sender is
 * not thread-safe: each consumer thread takes one (with its transcoder) from a pool for the length
 * of a batch, so one thread fills its buffer while another waits for its flush.
 */
public class QuestDbWriter implements AutoCloseable {

    private final Map<EventType, String> tables = new EnumMap<>(EventType.class);
    private final Deque<Lane> idle = new ConcurrentLinkedDeque<>();
    private String configuration;

    /** A sender and the transcoder filling it. */
    private record Lane(Sender sender, IlpTranscoder transcoder) {
    }

    public void write(SinkBatch batch) {
        if (batch.recordCount() == 0) {
            return;
        }
        Lane lane = idle.poll();
        if (lane == null) {
            lane = new Lane(Sender.fromConfig(configuration), new IlpTranscoder(tables));
        }
        Sender sender = lane.sender();
        IlpTranscoder transcoder = lane.transcoder();
        try {
            batch.store(bytes -> transcoder.write(sender, bytes), event -> transcoder.write(sender, event));
            sender.flush();
        } catch (RuntimeException e) {
            // a failed flush leaves the buffer half sent: the retried batch starts from a fresh sender
            close(sender);
            throw e;
        }
        idle.push(lane);
    }

    private static void close(Sender sender) {
        try {
            sender.close();
        } catch (RuntimeException ignored) {
            // the connection is being dropped anyway
        }
    }

    @Override
    public void close() {
        for (Lane lane = idle.poll(); lane != null; lane = idle.poll()) {
            close(lane.sender());
        }
    }

    public void setConfiguration(String configuration) {
        this.configuration = configuration;
    }

    public void setTickersTable(String table) {
        tables.put(EventType.TICK, table);
    }

    public void setTradesTable(String table) {
        tables.put(EventType.TRADE, table);
    }

    public void setQuotesTable(String table) {
        tables.put(EventType.QUOTE, table);
    }

    public void setLiquidationsTable(String table) {
        tables.put(EventType.LIQUIDATION, table);
    }

    public void setCandlesTable(String table) {
        tables.put(EventType.CANDLE, table);
    }
}
