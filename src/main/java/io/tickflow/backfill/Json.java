package io.tickflow.backfill;

import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.venue.BadFrame;
import io.tickflow.venue.Decimals;

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

    /** A decimal as the live feeds read one: a string or a number, exact, within DECIMAL(38, 18). */
    static BigDecimal decimal(JsonNode node) {
        try {
            return Decimals.parse(node, "a candle's price or volume");
        } catch (BadFrame e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    static long millis(JsonNode node) {
        if (node == null || !node.canConvertToLong()) {
            throw new IllegalArgumentException("not epoch milliseconds: " + node);
        }
        return node.asLong();
    }
}
