package io.tickflow.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import io.tickflow.event.EventParser;
import io.tickflow.event.EventType;
import io.tickflow.event.EventWriter;
import io.tickflow.event.InvalidEventException;
import io.tickflow.event.ParsedEvent;

/** One simulator event, {"name","value","time"} on the wire (EventType.TICK). */
public record Tick(String name, long value, Instant time) {

    public Map<String, Object> toEvent() {
        return EventWriter.event(EventType.TICK, name, value, time);
    }

    /** Parses a tick event by the contract; throws IllegalArgumentException naming what is wrong. */
    public static Tick parse(String json) {
        ParsedEvent event;
        try {
            event = EventParser.parse(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidEventException e) {
            throw new IllegalArgumentException("not a tick: " + e.getMessage() + ": " + json, e);
        }
        if (event.type() != EventType.TICK) {
            throw new IllegalArgumentException("not a tick but a " + event.type().wireName() + ": " + json);
        }
        return new Tick((String) event.value("name"), (Long) event.value("value"), event.time());
    }
}
