package io.tickflow.apidocs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickflow.api.ApiException;
import io.tickflow.event.EventRecord;
import io.tickflow.event.EventType;

/**
 * GET /api/schemas and /api/schemas/{type}: the JSON Schema of each event type (and of gap and
 * dead-letter events) as resources/schemas/ holds it, the same files the API documents inline.
 */
public class EventSchemas {

    /** The schema files' names: one per event type, then the status and dead-letter events. */
    static final List<String> TYPES = types();

    private static List<String> types() {
        List<String> types = new ArrayList<>();
        for (EventType type : EventType.values()) {
            types.add(type.name().toLowerCase(Locale.ROOT));
        }
        types.add(EventRecord.GAP);
        types.add(EventRecord.DEAD_LETTER);
        return List.copyOf(types);
    }

    /** {"schemas":[{"type","path"}...]}. */
    public Map<String, Object> list() {
        return Map.of("schemas", TYPES.stream().map(type -> Map.of("type", type, "path", "/api/schemas/" + type)).toList());
    }

    public ObjectNode schema(String type) {
        if (!TYPES.contains(type)) {
            throw ApiException.notFound("No event type '" + type + "'; known: " + String.join(", ", TYPES));
        }
        return JsonResources.read("schemas/" + type + ".json");
    }
}
