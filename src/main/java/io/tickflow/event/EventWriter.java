package io.tickflow.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes events as they go out (Kafka, webhooks, stream frames and history): "type" first, then
 * the fields of their {@link EventType} in its order, each value by its kind: decimals as strings
 * of their exact plain value, times as ISO-8601 UTC with microseconds. A value the kind does not
 * allow is a bug of the caller, not data to pass on, and fails.
 */
public final class EventWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventWriter() {
    }

    /**
     * The event as an ordered map; values in the order of {@link EventType#wireFields()}: String,
     * BigDecimal, Instant, Long or Boolean by kind, null for an absent optional field (written as null).
     */
    public static Map<String, Object> event(EventType type, Object... values) {
        List<EventField> fields = type.wireFields();
        if (values.length != fields.size()) {
            throw new IllegalArgumentException(type + " has " + fields.size() + " fields, got " + values.length + " values");
        }
        Map<String, Object> event = new LinkedHashMap<>();
        if (type.wireName() != null) {
            event.put("type", type.wireName());
        }
        for (int i = 0; i < values.length; i++) {
            event.put(fields.get(i).json(), wire(type, fields.get(i), values[i]));
        }
        return event;
    }

    /** The event as JSON text, as it goes to Kafka. */
    public static String json(EventType type, Object... values) {
        return json(event(type, values));
    }

    /** The event as a JSON tree, as the stream embeds it in its frames. */
    public static ObjectNode node(EventType type, Object... values) {
        return JSON.valueToTree(event(type, values));
    }

    /** Any event map of strings, numbers, booleans and nulls (gaps, dead letters) as JSON text. */
    static String json(Map<String, Object> event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event of strings and numbers cannot fail to serialize", e);
        }
    }

    private static Object wire(EventType type, EventField field, Object value) {
        if (value == null) {
            if (field.required()) {
                throw new IllegalArgumentException(type + "." + field.json() + " is required");
            }
            return null;
        }
        return switch (field.kind()) {
            case SYMBOL, STRING -> checked(type, field, value, value instanceof String);
            case SIDE -> checked(type, field, value, "buy".equals(value) || "sell".equals(value));
            case DECIMAL -> ((BigDecimal) checked(type, field, value, value instanceof BigDecimal)).toPlainString();
            case POSITIVE_DECIMAL -> ((BigDecimal) checked(type, field, value,
                    value instanceof BigDecimal decimal && decimal.signum() > 0)).toPlainString();
            case TIMESTAMP -> EventTime.format((Instant) checked(type, field, value, value instanceof Instant));
            case LONG -> ((Number) checked(type, field, value, value instanceof Long || value instanceof Integer)).longValue();
            case BOOLEAN -> checked(type, field, value, value instanceof Boolean);
        };
    }

    private static Object checked(EventType type, EventField field, Object value, boolean allowed) {
        if (!allowed) {
            throw new IllegalArgumentException(type + "." + field.json() + " cannot be " + field.kind() + " " + value
                    + " (" + value.getClass().getSimpleName() + ")");
        }
        return value;
    }
}
