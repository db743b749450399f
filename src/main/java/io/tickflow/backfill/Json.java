package io.tickflow.backfill;

import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading the exchanges' answers: a value of the wrong shape is an IllegalArgumentException naming it. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode tree(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the answer is not JSON");
        }
    }

    static JsonNode array(String body) {
        JsonNode node = tree(body);
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("the answer is not a JSON array");
        }
        return node;
    }

    /** A decimal sent as a string or a number (numbers as their text, so no binary rounding). */
    static BigDecimal decimal(JsonNode node) {
        if (node == null || !(node.isTextual() || node.isNumber())) {
            throw new IllegalArgumentException("not a number: " + node);
        }
        try {
            return new BigDecimal(node.asText());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + node);
        }
    }

    static long millis(JsonNode node) {
        if (node == null || !node.canConvertToLong()) {
            throw new IllegalArgumentException("not epoch milliseconds: " + node);
        }
        return node.asLong();
    }
}
