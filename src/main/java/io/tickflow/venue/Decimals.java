package io.tickflow.venue;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.event.MarketEvents.Candle;

/**
 * Exact decimals from exchange JSON, whether sent as strings ("0.35280000") or numbers (parsed
 * as BigDecimal, never double): missing, null, NaN, non-numeric values, and values that do not fit
 * the DECIMAL(38, 18) columns (over 20 integer digits or 18 decimals) are bad frames.
 */
public final class Decimals {

    private Decimals() {
    }

    public static BigDecimal any(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return parse(value, field);
    }

    public static BigDecimal parse(JsonNode value, String field) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw new BadFrame("missing " + field);
        }
        if (!value.isNumber() && !value.isTextual()) {
            throw new BadFrame(field + " is not a number: " + value);
        }
        BigDecimal decimal;
        try {
            decimal = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().trim());
        } catch (NumberFormatException e) {
            throw new BadFrame(field + " is not a number: " + value);
        }
        // DECIMAL(38, 18) holds what markets send; 1e400 would also print as 400 digits
        BigDecimal significant = decimal.stripTrailingZeros();
        if (significant.precision() - significant.scale() > 20 || significant.scale() > 18) {
            throw new BadFrame(field + " is out of range: " + value);
        }
        return decimal;
    }

    public static BigDecimal positive(JsonNode node, String field) {
        return positive(any(node, field), field);
    }

    public static BigDecimal positive(BigDecimal value, String field) {
        if (value.signum() <= 0) {
            throw new BadFrame(field + " must be positive, got " + value.toPlainString());
        }
        return value;
    }

    /** A candle's figures, checked: prices positive, volume not negative, low <= high. */
    public static Candle candle(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {
        positive(open, "open");
        positive(high, "high");
        positive(low, "low");
        positive(close, "close");
        if (volume.signum() < 0) {
            throw new BadFrame("volume must not be negative, got " + volume.toPlainString());
        }
        if (low.compareTo(high) > 0) {
            throw new BadFrame("low " + low.toPlainString() + " above high " + high.toPlainString());
        }
        return new Candle(open, high, low, close, volume);
    }

    /** A value that may be zero (volumes, sizes of an empty book side) but never negative. */
    public static BigDecimal nonNegative(JsonNode node, String field) {
        BigDecimal value = any(node, field);
        if (value.signum() < 0) {
            throw new BadFrame(field + " must not be negative, got " + value.toPlainString());
        }
        return value;
    }
}
