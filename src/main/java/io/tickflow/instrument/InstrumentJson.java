package io.tickflow.instrument;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading an instrument endpoint's JSON strictly: a missing field is an error, not a default. */
final class InstrumentJson {

    private InstrumentJson() {
    }

    static JsonNode array(JsonNode body, String field) {
        JsonNode array = body.path(field);
        if (!array.isArray()) {
            throw new IllegalArgumentException("no list \"" + field + "\" in the answer");
        }
        return array;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("no \"" + field + "\"");
        }
        return value.asText();
    }

    static BigDecimal number(JsonNode node, String field) {
        BigDecimal value = decimalOrNull(node, field);
        if (value == null) {
            throw new IllegalArgumentException("no number \"" + field + "\"");
        }
        return value;
    }

    /** A number sent as a JSON number or as text (Binance sends filters as text), exactly as written. */
    static BigDecimal decimalOrNull(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isNumber() || value.isTextual() && !value.asText().isEmpty()) {
            try {
                return plain(new BigDecimal(value.asText()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number \"" + field + "\": " + value);
            }
        }
        return null;
    }

    /** Without trailing zeros (0.00100000 is 0.001), but never in exponent form (100, not 1E+2). */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
