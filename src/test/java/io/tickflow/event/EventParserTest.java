package io.tickflow.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.tickflow.testing.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventParserTest {

    @Test
    void tradeKeepsEveryDecimalDigit() throws Exception {
        ParsedEvent trade = parse(Events.trade(7));
        assertEquals(EventType.TRADE, trade.type());
        assertEquals("97000.193456789012345678", trade.value("price"));
        assertEquals(Instant.parse("2026-03-01T00:00:00.000007Z"), trade.time());
        assertEquals("sell", trade.value("side"));
        assertEquals("7", trade.value("tradeId"));
    }

    @Test
    void numbersAreReadWithoutPassingThroughDouble() throws Exception {
        ParsedEvent quote = parse("{\"type\":\"quote\",\"exchange\":\"bitmex\",\"symbol\":\"BTC-USDT\","
                + "\"ts\":\"2026-03-01T00:00:00Z\",\"receivedTs\":\"2026-03-01T00:00:00.1Z\",\"bidPrice\":0.100000000000000005,"
                + "\"bidSize\":0,\"askPrice\":12345678901234567.89,\"askSize\":\"3\"}");
        assertEquals("0.100000000000000005", quote.value("bidPrice"));
        assertEquals("12345678901234567.89", quote.value("askPrice"));
        assertNull(quote.value("rawSymbol"));
    }

    @ParameterizedTest(name = "{0} is stored as {1}")
    @CsvSource({
        "1E+3, 1000",
        "2.5e-3, 0.0025",
        "'\"007.50\"', 7.50",
        "7.5000e0, 7.5000",
        "'\"+5\"', 5",
        "'\" 12.5 \"', 12.5",
        "1.50000000000000000000000, 1.5",
        "3.000000000000000000000, 3",
        "123456789012345678.123456789012345678, 123456789012345678.123456789012345678",
    })
    void decimalsAreStoredAsTheirExactPlainText(String json, String stored) throws Exception {
        String trade = Events.trade(1).replaceFirst("\"price\":(\"[^\"]*\"|[^,}]*)", "\"price\":" + json);
        assertEquals(stored, parse(trade).value("price"));
    }

    @Test
    void simulatorTickHasNoTypeField() throws Exception {
        ParsedEvent tick = parse("{\"name\":\"ticker_01\",\"value\":-3,\"time\":\"2026-03-01T00:00:00.000001Z\"}");
        assertEquals(EventType.TICK, tick.type());
        assertEquals(-3L, tick.value("value"));
    }

    @Test
    void candleNeedsABooleanClosed() throws Exception {
        String candle = "{\"type\":\"candle\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC-USD\",\"ts\":\"2026-03-01T00:00:00Z\","
                + "\"receivedTs\":\"2026-03-01T00:00:01Z\",\"interval\":\"1m\",\"open\":\"1\",\"high\":\"2\",\"low\":\"0.5\","
                + "\"close\":\"1.5\",\"volume\":\"10\",\"closed\":%s}";
        assertTrue((Boolean) parse(candle.formatted("true")).value("closed"));
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> parse(candle.formatted("\"yes\"")));
        assertTrue(e.getMessage().contains("closed"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "truncated JSON        | {\"type\":\"trade\",\"exchange\":\"binance\"       | not JSON",
        "not an object         | [1,2,3]                                            | not a JSON object",
        "unknown type          | {\"type\":\"orderbook\"}                           | unknown event type 'orderbook'",
        "missing price         | {\"type\":\"trade\",\"exchange\":\"x\",\"symbol\":\"A-B\",\"receivedTs\":\"2026-03-01T00:00:00Z\",\"side\":\"buy\",\"amount\":\"1\",\"tradeId\":\"1\",\"ts\":\"2026-03-01T00:00:00Z\"} | missing field 'price'",
        "NaN price             | PRICE:\"NaN\"                                      | field 'price' must be a decimal number",
        "null price            | PRICE:null                                         | missing field 'price'",
        "zero price            | PRICE:\"0\"                                        | field 'price' must be greater than 0",
        "negative price        | PRICE:-5                                           | field 'price' must be greater than 0",
        "too many decimals     | PRICE:\"1.0000000000000000001\"                    | does not fit",
        "too large             | PRICE:\"123456789012345678901\"                    | does not fit",
        "bad side              | SIDE:\"long\"                                      | field 'side' must be buy or sell",
        "bad time              | TS:\"yesterday\"                                   | field 'ts' must be an ISO-8601 UTC time",
        "control character     | SYMBOL:\"BTC\\u0000USDT\"                          | without control characters",
        "exponent too small    | PRICE:1e-999999999                                 | does not fit",
        "exponent too large    | PRICE:1e999999999                                  | does not fit",
        "price as an object    | PRICE:{\"v\":1}                                    | field 'price' must be a decimal number, was an object",
        "price as a boolean    | PRICE:true                                         | field 'price' must be a decimal number",
        "leading zeros too big | PRICE:\"000123456789012345678901\"                 | does not fit",
        "symbol as an array    | SYMBOL:[1]                                         | must be non-empty text",
    })
    void badEventsAreRejectedWithTheReason(String name, String event, String reason) {
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> parse(expand(event)));
        assertTrue(e.getMessage().contains(reason), "reason was: " + e.getMessage());
    }

    /** PRICE:x, SIDE:x, TS:x, SYMBOL:x stand for a valid trade with that one field replaced. */
    private static String expand(String event) {
        String valid = Events.trade(1);
        for (String field : new String[] {"price", "side", "ts", "symbol"}) {
            String marker = field.toUpperCase() + ":";
            if (event.startsWith(marker)) {
                return valid.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*)",
                        java.util.regex.Matcher.quoteReplacement("\"" + field + "\":" + event.substring(marker.length())));
            }
        }
        return event;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "nothing         | ''",
        "only whitespace | ' \t '",
    })
    void emptyMessagesSayWhatTheyAre(String name, String json) {
        assertEquals("empty message", assertThrows(InvalidEventException.class, () -> parse(json)).getMessage());
    }

    @Test
    void bytesThatAreNotUtf8AreNotJson() {
        byte[] latin1 = Events.trade(1).replace("BTCUSDT", "BTC\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventParser.parse(latin1));
        assertTrue(e.getMessage().startsWith("not JSON"), e.getMessage());
    }

    /** As the sinks parse: from the bytes Kafka holds. */
    private static ParsedEvent parse(String json) throws InvalidEventException {
        return EventParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
