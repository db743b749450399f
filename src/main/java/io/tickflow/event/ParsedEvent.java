package io.tickflow.event;

import java.time.Instant;
import java.util.List;

/**
 * A validated event: its type, its time, and its field values in the order of the type's fields,
 * typed by FieldKind (String, Instant, Long, Boolean; a decimal is its exact plain text, such as
 * "-12.50"); an absent optional field is null. An array, not a map: sinks read every field of
 * every event. Not a record: Camel may hash a message body, and that must not hash every value.
 */
public final class ParsedEvent {

    private final EventType type;
    private final Instant time;
    private final Object[] values;

    ParsedEvent(EventType type, Instant time, Object[] values) {
        this.type = type;
        this.time = time;
        this.values = values;
    }

    public EventType type() {
        return type;
    }

    public Instant time() {
        return time;
    }

    /** The value of the i-th of the type's fields. */
    public Object value(int i) {
        return values[i];
    }

    /** The value of the field with this JSON name, or null. */
    public Object value(String json) {
        List<EventField> fields = type.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).json().equals(json)) {
                return values[i];
            }
        }
        return null;
    }
}
