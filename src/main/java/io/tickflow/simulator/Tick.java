package io.tickflow.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.event.EventTime;

/** One simulator event, {"name","value","time"} on the wire (the seed format). */
public record Tick(String name, long value, Instant time) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Map<String, Object> toEvent() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("name", name);
        event.put("value", value);
        event.put("time", EventTime.format(time));
        return event;
    }

    /** Parses a tick event; throws IllegalArgumentException naming what is wrong. */
    public static Tick parse(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("tick is not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.hasNonNull("name") || !node.hasNonNull("time")
                || !node.path("value").canConvertToLong()) {
            throw new IllegalArgumentException("tick needs name, integer value and time: " + json);
        }
        return new Tick(node.get("name").asText(), node.get("value").asLong(), EventTime.parse(node.get("time").asText()));
    }
}
