package io.tickflow.event;

/** One field of an event: its JSON name, its column name, its kind, and whether it must be present. */
public record EventField(String json, String column, FieldKind kind, boolean required) {

    static EventField required(String json, String column, FieldKind kind) {
        return new EventField(json, column, kind, true);
    }

    static EventField optional(String json, String column, FieldKind kind) {
        return new EventField(json, column, kind, false);
    }
}
