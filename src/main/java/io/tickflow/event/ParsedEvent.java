package io.tickflow.event;

import java.time.Instant;
import java.util.Map;

/**
 * A validated event: its type, its time, and its field values by JSON name, typed by FieldKind
 * (String, BigDecimal, Instant, Long, Boolean); an absent optional field has no entry.
 */
public record ParsedEvent(EventType type, Instant time, Map<String, Object> values) {

    public Object value(EventField field) {
        return values.get(field.json());
    }
}
