package io.tickflow.venue;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Reading frames: JSON with exact decimals, and the field accessors every normalizer needs. */
public final class Frames {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Frames() {
    }

    public static JsonNode parse(String frame) {
        try {
            JsonNode node = JSON.readTree(frame);
            if (node == null || node.isMissingNode()) {
                throw new BadFrame("empty frame");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadFrame("malformed JSON: " + e.getOriginalMessage());
        } catch (NumberFormatException e) {
            // Jackson's own number limits (e.g. an exponent with too many digits)
            throw new BadFrame("malformed number: " + e.getMessage());
        }
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
            throw new BadFrame("missing " + field);
        }
        return value.asText();
    }

    /** Epoch milliseconds as an instant; must be a positive integer. */
    public static Instant epochMillis(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() <= 0) {
            throw new BadFrame(field + " is not an epoch-millisecond time: " + value);
        }
        return Instant.ofEpochMilli(value.asLong());
    }

    public static Instant iso(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadFrame(field + " is not an ISO-8601 time: " + text);
        }
    }

    public static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new BadFrame("missing object " + field);
        }
        return value;
    }

    public static boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw new BadFrame(field + " is not a boolean: " + value);
        }
        return value.booleanValue();
    }
}
