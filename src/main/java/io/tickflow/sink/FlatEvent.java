package io.tickflow.sink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.questdb.client.std.Decimal128;
import io.tickflow.event.EventField;
import io.tickflow.event.EventParser;
import io.tickflow.event.EventType;

/**
 * An event read straight from its JSON bytes, for the sinks' transcoders: accepted only when it
 * has the plain shape nearly all events have (see {@link FlatJson}) and meets the contract of
 * {@link EventType} as {@link EventParser} would judge it; anything else is declined, and the
 * caller parses it with EventParser, which accepts it or rejects it with its reason. Fields are
 * addressed by index ({@link #fieldNames}, {@link #timeName}); texts are printable ASCII without
 * escapes, decimals plain and fitting, times in the wire layout. One instance per thread.
 */
final class FlatEvent {

    private static final List<String> NAMES = names();
    private static final int TYPE = NAMES.indexOf("type");
    private static final int[][] FIELD_NAMES = new int[EventType.values().length][];
    private static final int[] TIME_NAMES = new int[EventType.values().length];

    static {
        for (EventType type : EventType.values()) {
            FIELD_NAMES[type.ordinal()] = type.fields().stream().mapToInt(f -> NAMES.indexOf(f.json())).toArray();
            TIME_NAMES[type.ordinal()] = NAMES.indexOf(type.timeField());
        }
    }

    private final FlatJson json = new FlatJson(NAMES);
    private final JsonValues values = new JsonValues();
    /** Per field of the event at hand: its time or integer value, decoded while checking. */
    private final long[] numbers = new long[NAMES.size()];
    private byte[] lastTypeName;
    private EventType lastType;

    /** The indexes of a type's fields, in the order of {@link EventType#fields()}. */
    static int[] fieldNames(EventType type) {
        return FIELD_NAMES[type.ordinal()];
    }

    static int timeName(EventType type) {
        return TIME_NAMES[type.ordinal()];
    }

    /** Reads an event; its type, or null if it is declined. */
    EventType read(byte[] event) {
        if (!json.read(event)) {
            return null;
        }
        EventType type = type();
        if (type == null) {
            return null;
        }
        int[] names = FIELD_NAMES[type.ordinal()];
        List<EventField> fields = type.fields();
        for (int i = 0; i < names.length; i++) {
            if (!check(fields.get(i), names[i])) {
                return null;
            }
        }
        int timeName = TIME_NAMES[type.ordinal()];
        return json.kind(timeName) == FlatJson.STRING && time(timeName) ? type : null;
    }

    /** 0 when absent, else FlatJson's kind of the value. */
    byte kind(int name) {
        return json.kind(name);
    }

    /** Whether the field is absent or null. */
    boolean isMissing(int name) {
        byte kind = json.kind(name);
        return kind == 0 || kind == FlatJson.NULL;
    }

    byte[] bytes() {
        return json.bytes();
    }

    /** Where the value's text starts in {@link #bytes()} (inside the quotes of a string). */
    int start(int name) {
        return json.start(name);
    }

    int end(int name) {
        return json.end(name);
    }

    /** A time field as epoch microseconds, or an integer field's value. */
    long number(int name) {
        return numbers[name];
    }

    CharSequence text(int name) {
        return values.text(json.bytes(), json.start(name), json.end(name));
    }

    /** A decimal field as the QuestDB client takes it. */
    Decimal128 decimal(int name) {
        return values.decimal(json.bytes(), json.start(name), json.end(name));
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
}
