package io.tickflow.sink;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.questdb.client.Sender;
import io.tickflow.event.EventField;
import io.tickflow.event.EventParser;
import io.tickflow.event.EventTime;
import io.tickflow.event.EventType;
import io.tickflow.event.FieldKind;
import io.tickflow.event.ParsedEvent;

/**
 * Writes events as ILP rows, one table per event type. An event's JSON bytes go straight into
 * the row (no String, Instant or event object per field) when they have the plain shape nearly
 * all events have and meet the contract of {@link EventType}; anything else is declined with
 * nothing written, and the caller parses it with {@link EventParser}, which accepts it as an
 * event for {@link #write(Sender, ParsedEvent)} or rejects it with its reason. So both ways
 * store the same rows and refuse the same events. One instance per thread.
 */
final class IlpTranscoder {

    private static final List<String> NAMES = names();
    private static final int TYPE = NAMES.indexOf("type");
    private static final int[][] FIELD_NAMES = new int[EventType.values().length][];
    private static final int[] TIME_NAMES = new int[EventType.values().length];
    private static final int[][] ILP_ORDER = ilpOrder();

    static {
        for (EventType type : EventType.values()) {
            FIELD_NAMES[type.ordinal()] = type.fields().stream().mapToInt(f -> NAMES.indexOf(f.json())).toArray();
            TIME_NAMES[type.ordinal()] = NAMES.indexOf(type.timeField());
        }
    }

    private final Map<EventType, String> tables;
    private final FlatJson json = new FlatJson(NAMES);
    private final JsonValues values = new JsonValues();
    /** Per field of the event at hand: its time or integer value, decoded while checking. */
    private final long[] numbers = new long[NAMES.size()];
    private byte[] lastTypeName;
    private EventType lastType;

    IlpTranscoder(Map<EventType, String> tables) {
        this.tables = tables;
    }

    /** Writes the event's row straight from its bytes; false, with nothing written, if it is declined. */
    boolean write(Sender sender, byte[] event) {
        if (!json.read(event)) {
            return false;
        }
        EventType type = type();
        if (type == null) {
            return false;
        }
        int[] names = FIELD_NAMES[type.ordinal()];
        List<EventField> fields = type.fields();
        for (int i = 0; i < names.length; i++) {
            if (!check(fields.get(i), names[i])) {
                return false;
            }
        }
        int timeName = TIME_NAMES[type.ordinal()];
        if (json.kind(timeName) != FlatJson.STRING || !time(timeName)) {
            return false;
        }
        sender.table(tables.get(type));
        for (int i : ILP_ORDER[type.ordinal()]) {
            int name = names[i];
            byte kind = json.kind(name);
            if (kind == 0 || kind == FlatJson.NULL) {
                continue;
            }
            EventField field = fields.get(i);
            switch (field.kind()) {
                case SYMBOL, SIDE -> sender.symbol(field.column(), text(name));
                case STRING -> sender.stringColumn(field.column(), text(name));
                case DECIMAL, POSITIVE_DECIMAL -> sender.decimalColumn(field.column(), values.decimal(json.bytes(), json.start(name), json.end(name)));
                case TIMESTAMP -> sender.timestampColumn(field.column(), numbers[name], ChronoUnit.MICROS);
                case LONG -> sender.longColumn(field.column(), numbers[name]);
                case BOOLEAN -> sender.boolColumn(field.column(), kind == FlatJson.TRUE);
                default -> throw new IllegalStateException("unhandled kind " + field.kind());
            }
        }
        sender.at(numbers[timeName], ChronoUnit.MICROS);
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

    /** The event's type; null for a type name the full parser must judge. Events of a batch mostly share one. */
    private EventType type() {
        byte kind = json.kind(TYPE);
        if (kind == 0) {
            return EventType.TICK;
        }
        if (kind != FlatJson.STRING) {
            return null;
        }
        if (lastTypeName != null && json.isString(TYPE, lastTypeName)) {
            return lastType;
        }
        byte[] name = Arrays.copyOfRange(json.bytes(), json.start(TYPE), json.end(TYPE));
        EventType type = EventType.fromWire(new String(name, StandardCharsets.US_ASCII)).orElse(null);
        if (type != null) {
            lastTypeName = name;
            lastType = type;
        }
        return type;
    }

    /** Whether the field's value meets the contract as the full parser would have it (absent optional fields do). */
    private boolean check(EventField field, int name) {
        byte kind = json.kind(name);
        if (kind == 0 || kind == FlatJson.NULL) {
            return !field.required();
        }
        byte[] b = json.bytes();
        int from = json.start(name);
        int end = json.end(name);
        return switch (field.kind()) {
            case SYMBOL, STRING -> kind == FlatJson.STRING && !JsonValues.isBlank(b, from, end);
            case SIDE -> kind == FlatJson.STRING && JsonValues.isSide(b, from, end);
            case DECIMAL -> (kind == FlatJson.STRING || kind == FlatJson.NUMBER) && JsonValues.isFittingDecimal(b, from, end, false);
            case POSITIVE_DECIMAL -> (kind == FlatJson.STRING || kind == FlatJson.NUMBER) && JsonValues.isFittingDecimal(b, from, end, true);
            case TIMESTAMP -> kind == FlatJson.STRING && time(name);
            case LONG -> kind == FlatJson.NUMBER && values.integer(b, from, end) && keep(name);
            case BOOLEAN -> kind == FlatJson.TRUE || kind == FlatJson.FALSE;
        };
    }

    /** A time in the wire layout, kept in numbers[] as epoch microseconds. */
    private boolean time(int name) {
        return values.time(json.bytes(), json.start(name), json.end(name)) && keep(name);
    }

    private boolean keep(int name) {
        numbers[name] = values.number();
        return true;
    }

    private CharSequence text(int name) {
        return values.text(json.bytes(), json.start(name), json.end(name));
    }

    /** The names FlatJson looks for: "type" and every field and time field of every event type. */
    private static List<String> names() {
        List<String> names = new ArrayList<>(List.of("type"));
        for (EventType type : EventType.values()) {
            type.fields().forEach(f -> addNew(names, f.json()));
            addNew(names, type.timeField());
        }
        return List.copyOf(names);
    }

    private static void addNew(List<String> names, String name) {
        if (!names.contains(name)) {
            names.add(name);
        }
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
