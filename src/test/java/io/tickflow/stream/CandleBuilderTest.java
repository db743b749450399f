package io.tickflow.stream;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CandleBuilderTest {

    private final CandleBuilder builder = new CandleBuilder("binance", "BTC-USDT", "1m");

    @Test
    void buildsOneMinuteCandlesFromTrades() {
        Instant minute = Instant.parse("2026-11-25T20:00:00Z");
        assertCandle(only(add("100.5", "1", minute.plusSeconds(1))), "100.5", "100.5", "100.5", "100.5", "1", false);
        assertCandle(only(add("102", "0.5", minute.plusSeconds(20))), "100.5", "102", "100.5", "102", "1.5", false);
        assertCandle(only(add("99", "2", minute.plusSeconds(59))), "100.5", "102", "99", "99", "3.5", false);

        List<ObjectNode> next = add("101", "1", minute.plusSeconds(61));
        assertEquals(2, next.size());
        assertCandle(next.get(0), "100.5", "102", "99", "99", "3.5", true);
        assertEquals("2026-11-25T20:00:00.000000Z", next.get(0).get("ts").asText());
        assertCandle(next.get(1), "101", "101", "101", "101", "1", false);
        assertEquals("2026-11-25T20:01:00.000000Z", next.get(1).get("ts").asText());

        assertTrue(add("50", "1", minute.plusSeconds(30)).isEmpty(), "a late trade of a closed candle is ignored");
        assertTrue(add("not a price", "1", minute.plusSeconds(62)).isEmpty());
    }

    @Test
    void intervalsInMillis() {
        assertEquals(1000, CandleBuilder.millis("1s"));
        assertEquals(15 * 60_000, CandleBuilder.millis("15m"));
        assertEquals(4 * 3_600_000, CandleBuilder.millis("4h"));
        assertEquals(86_400_000, CandleBuilder.millis("1d"));
    }

    private List<ObjectNode> add(String price, String amount, Instant time) {
        ObjectNode trade = StreamHub.JSON.createObjectNode().put("type", "trade").put("price", price).put("amount", amount);
        return builder.add(trade, time);
    }

    private static ObjectNode only(List<ObjectNode> candles) {
        assertEquals(1, candles.size());
        return candles.get(0);
    }

    private static void assertCandle(JsonNode candle, String open, String high, String low, String close, String volume,
            boolean closed) {
        assertEquals("candle", candle.get("type").asText());
        assertEquals("1m", candle.get("interval").asText());
        assertEquals(0, new java.math.BigDecimal(open).compareTo(decimal(candle, "open")), "open " + candle);
        assertEquals(0, new java.math.BigDecimal(high).compareTo(decimal(candle, "high")), "high " + candle);
        assertEquals(0, new java.math.BigDecimal(low).compareTo(decimal(candle, "low")), "low " + candle);
        assertEquals(0, new java.math.BigDecimal(close).compareTo(decimal(candle, "close")), "close " + candle);
        assertEquals(0, new java.math.BigDecimal(volume).compareTo(decimal(candle, "volume")), "volume " + candle);
        assertEquals(closed, candle.get("closed").asBoolean());
    }

    /** Decimals are JSON strings of their exact value, as on Kafka. */
    private static java.math.BigDecimal decimal(JsonNode candle, String field) {
        assertTrue(candle.get(field).isTextual(), field + " as a string: " + candle);
        return new java.math.BigDecimal(candle.get(field).asText());
    }
}
