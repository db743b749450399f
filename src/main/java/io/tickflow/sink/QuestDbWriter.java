package io.tickflow.sink;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;

import io.questdb.client.Sender;
import io.tickflow.event.EventField;
import io.tickflow.event.EventTime;
import io.tickflow.event.EventType;
import io.tickflow.event.FieldKind;
import io.tickflow.event.ParsedEvent;

/**
 * Writes a batch of events to QuestDB over ILP, one table per event type, and flushes it, so
 * the batch is stored when write() returns and its Kafka offsets may be committed. A Sender is
 * not thread-safe: one writer serves one consumer thread.
 */
public class QuestDbWriter implements AutoCloseable {

    private final Map<EventType, String> tables = new EnumMap<>(EventType.class);
    private String configuration;
    private Sender sender;

    public synchronized void write(SinkBatch batch) {
        if (batch.accepted().isEmpty()) {
            return;
        }
        if (sender == null) {
            sender = Sender.fromConfig(configuration);
        }
        try {
            for (ParsedEvent event : batch.accepted()) {
                row(event);
            }
            sender.flush();
        } catch (RuntimeException e) {
            // a failed flush leaves the buffer half sent: the retried batch starts from a fresh sender
            closeSender();
            throw e;
        }
    }

    private void row(ParsedEvent event) {
        sender.table(tables.get(event.type()));
        // ILP wants the symbols before the other columns
        for (EventField field : event.type().fields()) {
            Object value = event.value(field);
            if (isSymbol(field) && value != null) {
                sender.symbol(field.column(), (String) value);
            }
        }
        for (EventField field : event.type().fields()) {
            Object value = event.value(field);
            if (value == null || isSymbol(field)) {
                continue;
            }
            switch (field.kind()) {
                case STRING -> sender.stringColumn(field.column(), (String) value);
                case DECIMAL, POSITIVE_DECIMAL -> sender.decimalColumn(field.column(), ((BigDecimal) value).toPlainString());
                case TIMESTAMP -> sender.timestampColumn(field.column(), EventTime.epochMicros((Instant) value), ChronoUnit.MICROS);
                case LONG -> sender.longColumn(field.column(), (Long) value);
                case BOOLEAN -> sender.boolColumn(field.column(), (Boolean) value);
                default -> throw new IllegalStateException("unhandled kind " + field.kind());
            }
        }
        sender.at(EventTime.epochMicros(event.time()), ChronoUnit.MICROS);
    }

    private static boolean isSymbol(EventField field) {
        return field.kind() == FieldKind.SYMBOL || field.kind() == FieldKind.SIDE;
    }

    private void closeSender() {
        if (sender != null) {
            try {
                sender.close();
            } catch (RuntimeException ignored) {
                // the connection is being dropped anyway
            }
            sender = null;
        }
    }

    @Override
    public synchronized void close() {
        closeSender();
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
