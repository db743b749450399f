package io.tickflow.event;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Parses and validates one event from its JSON text against the contract in {@link EventType}.
 * The text is read token by token, without a tree: the sinks parse every event they store. Numbers
 * are never passed through a double: a decimal is kept as its plain text, exactly as sent.
 */
public final class EventParser {

    /** What QuestDB's DECIMAL(38, 18) columns hold: 20 digits before the point, 18 after. */
    public static final int MAX_SCALE = 18;
    public static final int MAX_INTEGER_DIGITS = 20;

    private static final JsonFactory JSON = new JsonFactory();

    private EventParser() {
    }

    /** A top-level value as read: its token and its text (a nested object or array has none). */
    private record Raw(JsonToken token, String text) {

        boolean isScalar() {
            return token.isScalarValue();
        }

        /** The value as it appeared, for error messages. */
        String shown() {
            return switch (token) {
                case VALUE_STRING -> '"' + text + '"';
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                default -> text;
            };
        }
    }

    /** Every top-level name an event type reads, each with its slot; any other field is skipped. */
    private static final Map<String, Integer> SLOTS = new HashMap<>();
    private static final int TYPE_SLOT = slot("type");
    private static final int[][] FIELD_SLOTS = new int[EventType.values().length][];
    private static final int[] TIME_SLOTS = new int[EventType.values().length];

    static {
        for (EventType type : EventType.values()) {
            FIELD_SLOTS[type.ordinal()] = type.fields().stream().mapToInt(field -> slot(field.json())).toArray();
            TIME_SLOTS[type.ordinal()] = slot(type.timeField());
        }
    }

    private static int slot(String name) {
        return SLOTS.computeIfAbsent(name, n -> SLOTS.size());
    }

    /** Parses one event from the UTF-8 bytes Kafka holds, without making a String of the whole text. */
    public static ParsedEvent parse(byte[] json) throws InvalidEventException {
        if (json == null || isBlank(json)) {
            throw new InvalidEventException("empty message");
        }
        try (JsonParser parser = JSON.createParser(json)) {
            return parse(parser);
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    private static ParsedEvent parse(JsonParser parser) throws IOException, InvalidEventException {
        Raw[] fields = read(parser);
        Raw typeName = fields[TYPE_SLOT];
        String wireType = typeName == null || typeName.token() == JsonToken.VALUE_NULL ? null : scalarText(typeName);
        EventType type = EventType.fromWire(wireType)
                .orElseThrow(() -> new InvalidEventException("unknown event type '" + wireType + "'"));
        int[] slots = FIELD_SLOTS[type.ordinal()];
        Object[] values = new Object[slots.length];
        for (int i = 0; i < values.length; i++) {
            EventField field = type.fields().get(i);
            Raw value = fields[slots[i]];
            if (value == null || value.token() == JsonToken.VALUE_NULL) {
                if (field.required()) {
                    throw new InvalidEventException("missing field '" + field.json() + "'");
                }
                continue;
            }
            values[i] = convert(field.json(), field.kind(), value);
        }
        Raw time = fields[TIME_SLOTS[type.ordinal()]];
        if (time == null || time.token() == JsonToken.VALUE_NULL) {
            throw new InvalidEventException("missing field '" + type.timeField() + "'");
        }
        return new ParsedEvent(type, (Instant) convert(type.timeField(), FieldKind.TIMESTAMP, time), values);
    }

    /**
     * The top-level fields of a JSON object that some event type reads, by slot; the last of
     * duplicate names wins. An array, not a map: every stored event passes here.
     */
    private static Raw[] read(JsonParser parser) throws IOException, InvalidEventException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new InvalidEventException("not a JSON object");
        }
        Raw[] fields = new Raw[SLOTS.size()];
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            Integer slot = SLOTS.get(parser.currentName());
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                parser.skipChildren();
                if (slot != null) {
                    fields[slot] = new Raw(token, null);
                }
            } else if (slot != null) {
                fields[slot] = new Raw(token, parser.getText());
            }
        }
        return fields;
    }

    private static InvalidEventException notJson(IOException e) {
        return new InvalidEventException("not JSON: "
                + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()));
    }

    private static boolean isBlank(byte[] json) {
        for (byte b : json) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** The text of a value, as Jackson's asText() gave it: empty for an object or an array. */
    private static String scalarText(Raw value) {
        return value.isScalar() ? value.text() : "";
    }

    private static Object convert(String name, FieldKind kind, Raw value) throws InvalidEventException {
        switch (kind) {
            case SYMBOL, STRING -> {
                String text = value.isScalar() ? value.text() : null;
                if (text == null || text.isBlank() || hasControlCharacter(text)) {
                    throw new InvalidEventException("field '" + name + "' must be non-empty text without control characters");
                }
                return text;
            }
            case SIDE -> {
                String side = scalarText(value);
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
                    return EventTime.parse(scalarText(value));
                } catch (DateTimeException e) {
                    throw new InvalidEventException("field '" + name + "' must be an ISO-8601 UTC time, was '" + scalarText(value) + "'");
                }
            }
            case LONG -> {
                if (value.token() != JsonToken.VALUE_NUMBER_INT && !isIntegralFloat(value)) {
                    throw new InvalidEventException("field '" + name + "' must be an integer, was " + value.shown());
                }
                try {
                    return new BigDecimal(value.text()).longValueExact();
                } catch (ArithmeticException e) {
                    throw new InvalidEventException("field '" + name + "' must be an integer, was " + value.shown());
                }
            }
            case BOOLEAN -> {
                if (value.token() != JsonToken.VALUE_TRUE && value.token() != JsonToken.VALUE_FALSE) {
                    throw new InvalidEventException("field '" + name + "' must be true or false, was " + value.shown());
                }
                return value.token() == JsonToken.VALUE_TRUE;
            }
            default -> throw new IllegalStateException("unhandled kind " + kind);
        }
    }

    /** A loop, not a stream: every text field of every stored event passes here. */
    private static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** 3.0 counts as an integer, as Jackson's canConvertToExactIntegral() had it. */
    private static boolean isIntegralFloat(Raw value) {
        return value.token() == JsonToken.VALUE_NUMBER_FLOAT && new BigDecimal(value.text()).stripTrailingZeros().scale() <= 0;
    }

    /** The decimal as plain text; checked to fit the columns, and to be above zero where asked. */
    private static String decimal(String name, Raw value, boolean positive) throws InvalidEventException {
        JsonToken token = value.token();
        String plain;
        try {
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_STRING) {
                throw new NumberFormatException();
            }
            plain = DecimalText.plain(token == JsonToken.VALUE_STRING ? value.text().trim() : value.text(), MAX_INTEGER_DIGITS, MAX_SCALE);
        } catch (NumberFormatException e) {
            throw new InvalidEventException("field '" + name + "' must be a decimal number, was " + value.shown());
        }
        if (plain == null) {
            throw new InvalidEventException("field '" + name + "' does not fit " + MAX_INTEGER_DIGITS
                    + " integer and " + MAX_SCALE + " decimal digits: " + value.shown());
        }
        if (positive && !DecimalText.isPositive(plain)) {
            throw new InvalidEventException("field '" + name + "' must be greater than 0, was " + plain);
        }
        return plain;
    }
}
