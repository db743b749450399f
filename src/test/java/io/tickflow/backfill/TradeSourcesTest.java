package io.tickflow.backfill;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tickflow.event.EventRecord;
import io.tickflow.instrument.InstrumentRegistry;
import io.tickflow.instrument.InstrumentSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each exchange's trade requests (a window, then on from the last trade when an answer is full)
 * and the trade events of its documented answers, normalized as the live feeds normalize trades
 * (fixtures: src/test/resources/backfill).
 */
class TradeSourcesTest {

    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2024-01-01T01:00:00Z");
    private static final Instant RECEIVED = Instant.parse("2026-11-25T20:22:34.965088Z");

    @Test
    void binanceAsksForAnHourThenForTheTradesAfterTheLastId() {
        BinanceAggTrades spot = new BinanceAggTrades("binance", "https://api.binance.com/api/v3/aggTrades", 1000, 4);
        assertEquals(Duration.ofHours(1), spot.window());
        assertEquals("https://api.binance.com/api/v3/aggTrades?symbol=BTCUSDT&startTime=1704067200000&endTime=1704070799999"
                + "&limit=1000", spot.uri("BTCUSDT", FROM, TO, 0, null).toString());
        PastTrade last = new PastTrade(Instant.parse("2024-01-01T00:10:00Z"), "2843701000", null);
        assertEquals("https://api.binance.com/api/v3/aggTrades?symbol=BTCUSDT&fromId=2843701001&limit=1000",
                spot.uri("BTCUSDT", FROM, TO, 1000, last).toString());
    }

    @Test
    void binanceSpotTradesAreTheFeedsTradeEventsExactly() throws IOException {
        BinanceAggTrades spot = new BinanceAggTrades("binance", "https://api.binance.com/api/v3/aggTrades", 1000, 4);
        List<PastTrade> trades = spot.parse(fixture("binance-aggtrades-BTCUSDT.json"), spec("binance", "BTC-USDT"), RECEIVED);
        assertEquals(36, trades.size());
        PastTrade first = trades.get(0);
        assertEquals(Instant.ofEpochMilli(1704067446092L), first.ts());
        assertEquals("2843700001", first.tradeId());
        assertEquals(new EventRecord("trade", "binance:BTC-USDT", "{\"type\":\"trade\",\"exchange\":\"binance\",\"symbol\":\"BTC-USDT\","
                + "\"rawSymbol\":\"BTCUSDT\",\"ts\":\"2024-01-01T00:04:06.092000Z\",\"receivedTs\":\"2026-11-25T20:22:34.965088Z\","
                + "\"side\":\"sell\",\"price\":\"42290.11000000\",\"amount\":\"0.05060000\",\"baseAmount\":\"0.05060000\","
                + "\"quoteAmount\":null,\"tradeId\":\"2843700001\"}"), first.event());
        // m false: the buyer took; the last trade of the hour, at its last millisecond
        PastTrade lastOfHour = trades.get(24);
        assertEquals(Instant.parse("2024-01-01T00:59:59.999Z"), lastOfHour.ts());
        assertTrue(lastOfHour.event().json().contains("\"ts\":\"2024-01-01T00:59:59.999000Z\""), lastOfHour.event().json());
        assertTrue(lastOfHour.event().json().contains("\"side\":\"buy\",\"price\":\"42281.41000000\",\"amount\":\"2.02312000\""),
                lastOfHour.event().json());
        assertEquals(trades.get(2).ts(), trades.get(3).ts(), "two aggregate trades in one millisecond, told apart by id");
    }

    @Test
    void binanceUsdmTradesArePerpetuals() {
        BinanceAggTrades usdm = new BinanceAggTrades("binance-usdm", "https://fapi.binance.com/fapi/v1/aggTrades", 1000, 20);
        List<PastTrade> trades = usdm.parse("[{\"a\":1934500000,\"p\":\"42293.4\",\"q\":\"2.336\",\"f\":5803500000,"
                + "\"l\":5803500003,\"T\":1704067715405,\"m\":false}]", spec("binance-usdm", "BTC-USDT-PERP"), RECEIVED);
        assertEquals("{\"type\":\"trade\",\"exchange\":\"binance-usdm\",\"symbol\":\"BTC-USDT-PERP\",\"rawSymbol\":\"BTCUSDT\","
                + "\"ts\":\"2024-01-01T00:08:35.405000Z\",\"receivedTs\":\"2026-11-25T20:22:34.965088Z\",\"side\":\"buy\","
                + "\"price\":\"42293.4\",\"amount\":\"2.336\",\"baseAmount\":\"2.336\",\"quoteAmount\":null,\"tradeId\":\"1934500000\"}",
                trades.get(0).event().json());
        assertEquals("binance-usdm:BTC-USDT-PERP", trades.get(0).event().key());
    }

    @Test
    void aBinanceAnswerOrTradeTheFeedWouldRefuseFailsThePageNamingWhy() {
        BinanceAggTrades spot = new BinanceAggTrades("binance", "https://api.binance.com/api/v3/aggTrades", 1000, 4);
        InstrumentSpec btc = spec("binance", "BTC-USDT");
        assertThrows(IllegalArgumentException.class, () -> spot.parse("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", btc, RECEIVED));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> spot.parse(
                "[{\"a\":7,\"p\":\"0\",\"q\":\"1\",\"f\":1,\"l\":1,\"T\":1704067200000,\"m\":true,\"M\":true}]", btc, RECEIVED));
        assertTrue(zero.getMessage().contains("the trade 7") && zero.getMessage().contains("p must be positive"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> spot.parse(
                "[{\"p\":\"1\",\"q\":\"1\",\"f\":1,\"l\":1,\"T\":1704067200000,\"m\":true,\"M\":true}]", btc, RECEIVED));
        assertThrows(IllegalArgumentException.class, () -> spot.parse(
                "[{\"a\":7,\"p\":\"1\",\"q\":\"1\",\"f\":1,\"l\":1,\"T\":1704067200000,\"m\":\"yes\",\"M\":true}]", btc, RECEIVED));
        assertThrows(IllegalArgumentException.class, () -> spot.parse(
                "[{\"a\":7,\"p\":\"1.0000000000000000001\",\"q\":\"1\",\"f\":1,\"l\":1,\"T\":1704067200000,\"m\":true}]", btc, RECEIVED));
    }

    @Test
    void bitmexAsksForAnHourThenFromTheNextOffset() {
        BitmexTrades bitmex = new BitmexTrades("https://www.bitmex.com/api/v1/trade", 1000);
        assertEquals(Duration.ofHours(1), bitmex.window());
        assertEquals("https://www.bitmex.com/api/v1/trade?symbol=XBTUSD&startTime=2024-01-01T00:00:00Z"
                + "&endTime=2024-01-01T00:59:59.999Z&count=1000&start=0&reverse=false", bitmex.uri("XBTUSD", FROM, TO, 0, null).toString());
        PastTrade last = new PastTrade(Instant.parse("2024-01-01T00:10:00Z"), "6d0e6549-7cba-81ab-817a-569a20571938", null);
        assertEquals("https://www.bitmex.com/api/v1/trade?symbol=XBTUSD&startTime=2024-01-01T00:00:00Z"
                + "&endTime=2024-01-01T00:59:59.999Z&count=1000&start=2000&reverse=false",
                bitmex.uri("XBTUSD", FROM, TO, 2000, last).toString());
    }

    @Test
    void bitmexTradesAreTheFeedsTradeEventsExactly() throws IOException {
        BitmexTrades bitmex = new BitmexTrades("https://www.bitmex.com/api/v1/trade", 1000);
        List<PastTrade> trades = bitmex.parse(fixture("bitmex-trade-XBTUSD.json"), spec("bitmex", "BTC-USD-PERP"), RECEIVED);
        assertEquals(29, trades.size());
        PastTrade first = trades.get(0);
        assertEquals(Instant.parse("2024-01-01T00:00:33.021Z"), first.ts());
        assertEquals("6d0e6549-7cba-81ab-817a-569a20571938", first.tradeId());
        // XBTUSD is inverse, 1 USD a contract: 2500 contracts are 2500 USD, 2500 / 42283.5 BTC
        String base = new BigDecimal("2500").divide(new BigDecimal("42283.5"), 18, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        assertEquals(new EventRecord("trade", "bitmex:BTC-USD-PERP", "{\"type\":\"trade\",\"exchange\":\"bitmex\",\"symbol\":\"BTC-USD-PERP\","
                + "\"rawSymbol\":\"XBTUSD\",\"ts\":\"2024-01-01T00:00:33.021000Z\",\"receivedTs\":\"2026-11-25T20:22:34.965088Z\","
                + "\"side\":\"buy\",\"price\":\"42283.5\",\"amount\":\"2500\",\"baseAmount\":\"" + base + "\",\"quoteAmount\":\"2500\","
                + "\"tradeId\":\"6d0e6549-7cba-81ab-817a-569a20571938\"}"), first.event());
        assertEquals(Instant.parse("2024-01-01T00:59:59.999Z"), trades.get(22).ts());
        assertEquals(Instant.parse("2024-01-01T01:00:00Z"), trades.get(23).ts());
    }

    @Test
    void aBitmexRowOfAnotherSymbolOrWithoutASideFailsThePage() {
        BitmexTrades bitmex = new BitmexTrades("https://www.bitmex.com/api/v1/trade", 1000);
        InstrumentSpec xbtusd = spec("bitmex", "BTC-USD-PERP");
        String row = "{\"timestamp\":\"2024-01-01T00:00:33.021Z\",\"symbol\":\"XBTUSD\",\"side\":\"Sell\",\"size\":100,\"price\":42283.5,"
                + "\"trdMatchID\":\"00000000-006d-1000-0000-000e8737d540\",\"homeNotional\":0.00236497,\"foreignNotional\":100}";
        assertTrue(bitmex.parse("[" + row + "]", xbtusd, RECEIVED).get(0).event().json().contains("\"side\":\"sell\""));
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> bitmex.parse("[" + row.replace("XBTUSD", "ETHUSD") + "]", xbtusd, RECEIVED));
        assertTrue(other.getMessage().contains("ETHUSD"), other.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bitmex.parse("[" + row.replace("\"Sell\"", "\"\"") + "]", xbtusd, RECEIVED));
        assertThrows(IllegalArgumentException.class, () -> bitmex.parse("{\"error\":{\"message\":\"Not Found\"}}", xbtusd, RECEIVED));
        assertThrows(IllegalArgumentException.class, () -> bitmex.parse("[1]", xbtusd, RECEIVED));
    }

    @Test
    void bitfinexAsksForAnHourThenFromTheLastTradesMillisecond() throws IOException {
        BitfinexTrades bitfinex = new BitfinexTrades("https://api-pub.bitfinex.com/v2/trades", 10000);
        assertEquals("https://api-pub.bitfinex.com/v2/trades/tBTCUSD/hist?start=1704067200000&end=1704070799999&limit=10000&sort=1",
                bitfinex.uri("tBTCUSD", FROM, TO, 0, null).toString());
        PastTrade last = new PastTrade(Instant.ofEpochMilli(1704069510348L), "1482003280", null);
        assertEquals("https://api-pub.bitfinex.com/v2/trades/tBTCUSD/hist?start=1704069510348&end=1704070799999&limit=10000&sort=1",
                bitfinex.uri("tBTCUSD", FROM, TO, 10000, last).toString());
        List<PastTrade> trades = bitfinex.parse(fixture("bitfinex-trades-tBTCUSD.json"), spec("bitfinex", "BTC-USD"), RECEIVED);
        assertEquals(19, trades.size());
        assertEquals(new EventRecord("trade", "bitfinex:BTC-USD", "{\"type\":\"trade\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC-USD\","
                + "\"rawSymbol\":\"tBTCUSD\",\"ts\":\"2024-01-01T00:15:33.843000Z\",\"receivedTs\":\"2026-11-25T20:22:34.965088Z\","
                + "\"side\":\"buy\",\"price\":\"42288\",\"amount\":\"0.26152916\",\"baseAmount\":\"0.26152916\","
                + "\"quoteAmount\":null,\"tradeId\":\"1482003100\"}"), trades.get(0).event());
        // a negative amount: the taker sold that much
        assertTrue(trades.get(2).event().json().contains("\"side\":\"sell\",\"price\":\"42287\",\"amount\":\"0.4620184\""),
                trades.get(2).event().json());
        assertEquals(trades.get(9).ts(), trades.get(10).ts());
        assertThrows(IllegalArgumentException.class, () -> bitfinex.parse("[[1,1704067200000,0,42000]]", spec("bitfinex", "BTC-USD"), RECEIVED));
        assertThrows(IllegalArgumentException.class, () -> bitfinex.parse("[\"error\",10020,\"limit: invalid\"]", spec("bitfinex", "BTC-USD"),
                RECEIVED));
    }

    /** The instrument a job resolves for a symbol, by the feeds' built-in rules (no registry loaded). */
    private static InstrumentSpec spec(String exchange, String symbol) {
        SymbolResolver resolver = new SymbolResolver();
        resolver.setRegistry(new InstrumentRegistry());
        return resolver.resolve(exchange, symbol).orElseThrow();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = TradeSourcesTest.class.getResourceAsStream("/backfill/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
