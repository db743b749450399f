package io.tickflow.sink;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.questdb.client.Sender;
import io.tickflow.event.EventField;
import io.tickflow.event.EventTime;
import io.tickflow.event.EventType;
import io.tickflow.event.FieldKind;
import io.tickflow.event.ParsedEvent;

/**
 * Writes events as ILP rows, one table per event type. An event's JSON bytes go straight into
 * the row (no String, Instant or event object per field) when {@link FlatEvent} accepts them;
 * anything else is declined with nothing written, and the caller parses it with
 * {@link io.tickflow.event.EventParser}, which accepts it as an event for
 * {@link #write(Sender, ParsedEvent)} or rejects it with its reason. So both ways store the same
 * rows and refuse the same events. One instance per thread.
 */
final class IlpTranscoder {

    private static final int[][] ILP_ORDER = ilpOrder();

    private final Map<EventType, String> tables;
    private final FlatEvent event = new FlatEvent();

    IlpTranscoder(Map<EventType, String> tables) {
        this.tables = tables;
    }

    /** Writes the event's row straight from its bytes; false, with nothing written, if it is declined. */
    boolean write(Sender sender, byte[] bytes) {
        EventType type = event.read(bytes);
        if (type == null) {
            return false;
        }
        int[] names = FlatEvent.fieldNames(type);
        List<EventField> fields = type.fields();
        sender.table(tables.get(type));
        for (int i : ILP_ORDER[type.ordinal()]) {
            int name = names[i];
            if (event.isMissing(name)) {
                continue;
            }
            EventField field = fields.get(i);
            switch (field.kind()) {
                case SYMBOL, SIDE -> sender.symbol(field.column(), event.text(name));
                case STRING -> sender.stringColumn(field.column(), event.text(name));
                case DECIMAL, POSITIVE_DECIMAL -> sender.decimalColumn(field.column(), event.decimal(name));
                case TIMESTAMP -> sender.timestampColumn(field.column(), event.number(name), ChronoUnit.MICROS);
                case LONG -> sender.longColumn(field.column(), event.number(name));
                case BOOLEAN -> sender.boolColumn(field.column(), event.kind(name) == FlatJson.TRUE);
                default -> throw new IllegalStateException("unhandled kind " + field.kind());
            }
        }
        sender.at(event.number(FlatEvent.timeName(type)), ChronoUnit.MICROS);
        return true;
    }

    /** Writes a parsed event's row. */
    void write(Sender sender, ParsedEvent event) {
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
}
