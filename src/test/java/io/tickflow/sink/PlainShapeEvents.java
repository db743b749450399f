package io.tickflow.sink;

import java.util.List;

import io.tickflow.testing.Events;

/** Events for the sinks' transcoders: of the plain shape they take from the bytes, and of the shapes they decline. */
final class PlainShapeEvents {

    private static final String TS = "\"ts\":\"2026-03-01T00:00:01.000001Z\",\"receivedTs\":\"2026-03-01T00:00:01.500000Z\"";
    private static final String MARKET = "\"exchange\":\"binance\",\"symbol\":\"BTC-USDT\",\"rawSymbol\":\"BTCUSDT\"," + TS;

    private PlainShapeEvents() {
    }

    /** One or more of every type, every kind of field, present, absent and null. */
    static List<String> taken() {
        return List.of(
                Events.trade(1),
                Events.trade(2),
                // a comma, which CSV must quote, and the amount in the base asset
                "{\"type\":\"trade\"," + MARKET + ",\"side\":\"buy\",\"price\":\"100\",\"amount\":\"3\",\"baseAmount\":\"0.003\",\"tradeId\":\"7,8\"}",
                // a price as a JSON number, 38 digits; fields in another order, spaces, an unknown field, a duplicate
                "{ \"type\" : \"trade\", \"extra\": 12, \"side\":\"sell\", " + MARKET
                        + ", \"price\": 12345678901234567890.123456789012345678, \"amount\":\"0.5\", \"amount\":\"7\", \"tradeId\":\"x 1\"}",
                "{\"type\":\"quote\"," + MARKET + ",\"bidPrice\":\"-1.25\",\"askPrice\":\"0\"}",
                "{\"type\":\"quote\"," + MARKET.replace("01.000001Z", "02.000001Z") + ",\"bidPrice\":\"99.5\",\"bidSize\":null,\"askPrice\":\"99.6\",\"askSize\":\"-0.000000000000000001\"}",
                "{\"type\":\"liquidation\"," + MARKET + ",\"side\":\"buy\",\"price\":\"100\",\"amount\":\"2.5\",\"orderStatus\":\"FILLED\"}",
                "{\"type\":\"candle\"," + MARKET + ",\"interval\":\"1m\",\"open\":\"1\",\"high\":\"2\",\"low\":\"0.5\",\"close\":\"1.5\","
                        + "\"volume\":\"0\",\"closed\":true}",
                "{\"type\":\"candle\"," + MARKET + ",\"interval\":\"1m\",\"open\":\"1\",\"high\":\"2\",\"low\":\"0.5\",\"close\":\"1.5\","
                        + "\"volume\":\"3.25\",\"closed\":false}",
                "{\"name\":\"ticker_07\",\"value\":-3,\"time\":\"2026-11-25T20:22:34.965088Z\"}",
                "{\"name\":\"ticker_08\",\"value\":123456789012345678,\"time\":\"2024-02-29T23:59:59.999999Z\"}");
    }

    /** Events the full parser must judge: not of the plain shape, or not meeting the contract. */
    static List<String> declined() {
        String trade = Events.trade(3);
        return List.of(
                "", "  ", "not json", "[1]", "{\"type\":\"trade\"",
                trade.replace("BTC-USDT", "BTC\\u002dUSDT"),
                trade.replace("binance", "bin\u00e4nce"),
                trade.replace("\"0.00", "\" 0.00"),
                trade.replace("\"buy\"", "\"BUY\"").replace("\"sell\"", "\"SELL\""),
                trade.replace("\"type\":\"trade\"", "\"type\":\"trades\""),
                trade.replace("\"type\":\"trade\"", "\"type\":null,\"kind\":\"trade\""),
                trade.replace("\"tradeId\"", "\"tradeID\""),
                trade.replace("\"BTCUSDT\"", "{\"a\":1}"),
                trade.replaceFirst("\\.(\\d{6})Z", ".$1000Z"),
                "{\"type\":\"trade\"," + MARKET + ",\"side\":\"buy\",\"price\":1e3,\"amount\":\"1\",\"tradeId\":\"1\"}",
                "{\"type\":\"trade\"," + MARKET + ",\"side\":\"buy\",\"price\":\"1.0000000000000000000\",\"amount\":\"1\",\"tradeId\":\"1\"}",
                "{\"type\":\"trade\"," + MARKET + ",\"side\":\"buy\",\"price\":\"0.0\",\"amount\":\"1\",\"tradeId\":\"1\"}",
                "{\"type\":\"trade\"," + MARKET + ",\"side\":\"buy\",\"price\":\"-1\",\"amount\":\"1\",\"tradeId\":\"1\"}",
                "{\"type\":\"trade\"," + MARKET + ",\"side\":\"buy\",\"price\":\"123456789012345678901\",\"amount\":\"1\",\"tradeId\":\"1\"}",
                "{\"type\":\"trade\"," + MARKET + ",\"side\":\"buy\",\"price\":\"1\",\"amount\":\"1\",\"tradeId\":\"   \"}",
                "{\"type\":\"trade\"," + MARKET + ",\"side\":\"buy\",\"price\":\"01\",\"amount\":\"1\",\"tradeId\":\"1\"}",
                "{\"name\":\"ticker_07\",\"value\":3.0,\"time\":\"2026-11-25T20:22:34.965088Z\"}",
                "{\"name\":\"ticker_07\",\"value\":\"3\",\"time\":\"2026-11-25T20:22:34.965088Z\"}",
                "{\"name\":\"ticker_07\",\"value\":3,\"time\":\"2026-02-30T20:22:34.965088Z\"}",
                "{\"name\":\"ticker_07\",\"value\":3,\"time\":\"2026-11-25T24:22:34.965088Z\"}");
    }
}
