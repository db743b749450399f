package io.tickflow.sink;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.stream.IntStream;

import io.questdb.client.Sender;
import io.tickflow.event.EventField;
import io.tickflow.event.EventTime;
import io.tickflow.event.EventType;
import io.tickflow.event.FieldKind;
import io.tickflow.event.ParsedEvent;

/**
 * Writes a batch of events to QuestDB over ILP, one table per event type, and flushes it, so
 * the batch is stored when write() returns and its Kafka offsets may be committed. A Sender is
 * not thread-safe: each consumer thread takes one from a pool for the length of a batch, so one
 * thread fills its buffer while another waits for its flush.
 */
public class QuestDbWriter implements AutoCloseable {

    private static final int[][] ILP_ORDER = ilpOrder();

    private final Map<EventType, String> tables = new EnumMap<>(EventType.class);
    private final Deque<Sender> idle = new ConcurrentLinkedDeque<>();
    private String configuration;

    public void write(SinkBatch batch) {
        if (batch.accepted().isEmpty()) {
            return;
        }
        Sender sender = idle.poll();
        if (sender == null) {
            sender = Sender.fromConfig(configuration);
        }
        try {
            for (ParsedEvent event : batch.accepted()) {
                row(sender, event);
            }
            sender.flush();
        } catch (RuntimeException e) {
            // a failed flush leaves the buffer half sent: the retried batch starts from a fresh sender
            close(sender);
            throw e;
        }
        idle.push(sender);
    }

    private void row(Sender sender, ParsedEvent event) {
        sender.table(tables.get(event.type()));
        List<EventField> fields = event.type().fields();
        for (int i : ILP_ORDER[event.type().ordinal()]) {
            EventField field = fields.get(i);
            Object value = event.value(i);
            if (value == null) {
                continue;
            }
            switch (field.kind()) {
                case SYMBOL, SIDE -> sender.symbol(field.column(), (String) value);
                case STRING -> sender.stringColumn(field.column(), (String) value);
                case DECIMAL, POSITIVE_DECIMAL -> sender.decimalColumn(field.column(), (String) value);
                case TIMESTAMP -> sender.timestampColumn(field.column(), EventTime.epochMicros((Instant) value), ChronoUnit.MICROS);
                case LONG -> sender.longColumn(field.column(), (Long) value);
                case BOOLEAN -> sender.boolColumn(field.column(), (Boolean) value);
                default -> throw new IllegalStateException("unhandled kind " + field.kind());
            }
        }
        sender.at(EventTime.epochMicros(event.time()), ChronoUnit.MICROS);
    }

    /** Per event type, the indexes of its fields in the order ILP wants them: the symbols first. */
    private static int[][] ilpOrder() {
        int[][] order = new int[EventType.values().length][];
        for (EventType type : EventType.values()) {
            List<EventField> fields = type.fields();
            order[type.ordinal()] = IntStream.concat(
                    IntStream.range(0, fields.size()).filter(i -> isSymbol(fields.get(i))),
                    IntStream.range(0, fields.size()).filter(i -> !isSymbol(fields.get(i)))).toArray();
        }
        return order;
    }

    private static boolean isSymbol(EventField field) {
        return field.kind() == FieldKind.SYMBOL || field.kind() == FieldKind.SIDE;
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
        for (Sender sender = idle.poll(); sender != null; sender = idle.poll()) {
            close(sender);
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
