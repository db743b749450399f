package io.tickflow.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Parses and validates one event from its JSON text against the contract in {@link EventType}.
 * Numbers are read as BigDecimal, so prices keep every digit the exchange sent.
 */
public final class EventParser {

    /** What QuestDB's DECIMAL(38, 18) columns hold: 20 digits before the point, 18 after. */
    static final int MAX_SCALE = 18;
    static final int MAX_INTEGER_DIGITS = 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private EventParser() {
    }

    public static ParsedEvent parse(String text) throws InvalidEventException {
        if (text == null || text.isBlank()) {
            throw new InvalidEventException("empty message");
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidEventException("not a JSON object");
        }
        String typeName = node.hasNonNull("type") ? node.get("type").asText() : null;
        EventType type = EventType.fromWire(typeName)
                .orElseThrow(() -> new InvalidEventException("unknown event type '" + typeName + "'"));
        Map<String, Object> values = new HashMap<>();
        for (EventField field : type.fields()) {
            JsonNode value = node.get(field.json());
            if (value == null || value.isNull()) {
                if (field.required()) {
                    throw new InvalidEventException("missing field '" + field.json() + "'");
                }
                continue;
            }
            values.put(field.json(), convert(field.json(), field.kind(), value));
        }
        JsonNode time = node.get(type.timeField());
        if (time == null || time.isNull()) {
            throw new InvalidEventException("missing field '" + type.timeField() + "'");
        }
        return new ParsedEvent(type, (Instant) convert(type.timeField(), FieldKind.TIMESTAMP, time), values);
    }

    private static Object convert(String name, FieldKind kind, JsonNode value) throws InvalidEventException {
        switch (kind) {
            case SYMBOL, STRING -> {
                String text = value.isValueNode() ? value.asText() : null;
                if (text == null || text.isBlank() || text.chars().anyMatch(Character::isISOControl)) {
                    throw new InvalidEventException("field '" + name + "' must be non-empty text without control characters");
                }
                return text;
            }
            case SIDE -> {
                String side = value.asText();
                if (!side.equals("buy") && !side.equals("sell")) {
                    throw new InvalidEventException("field '" + name + "' must be buy or sell, was '" + side + "'");
                }
                return side;
            }
            case DECIMAL, POSITIVE_DECIMAL -> {
                return decimal(name, value, kind == FieldKind.POSITIVE_DECIMAL);
            }
            case TIMESTAMP -> {
                try {
                    return Instant.parse(value.asText());
                } catch (DateTimeParseException e) {
                    throw new InvalidEventException("field '" + name + "' must be an ISO-8601 UTC time, was '" + value.asText() + "'");
                }
            }
            case LONG -> {
                if (!value.canConvertToExactIntegral() || !value.canConvertToLong()) {
                    throw new InvalidEventException("field '" + name + "' must be an integer, was " + value);
                }
                return value.asLong();
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw new InvalidEventException("field '" + name + "' must be true or false, was " + value);
                }
                return value.booleanValue();
            }
            default -> throw new IllegalStateException("unhandled kind " + kind);
        }
    }

    private static BigDecimal decimal(String name, JsonNode value, boolean positive) throws InvalidEventException {
        BigDecimal decimal;
        try {
            decimal = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().trim());
        } catch (NumberFormatException e) {
            throw new InvalidEventException("field '" + name + "' must be a decimal number, was " + value);
        }
        if (positive && decimal.signum() <= 0) {
            throw new InvalidEventException("field '" + name + "' must be greater than 0, was " + decimal.toPlainString());
        }
        BigDecimal normalized = decimal.scale() > MAX_SCALE ? decimal.stripTrailingZeros() : decimal;
        if (normalized.scale() > MAX_SCALE || normalized.precision() - normalized.scale() > MAX_INTEGER_DIGITS) {
            throw new InvalidEventException("field '" + name + "' does not fit " + MAX_INTEGER_DIGITS
                    + " integer and " + MAX_SCALE + " decimal digits: " + decimal.toPlainString());
        }
        return decimal;
    }
}
