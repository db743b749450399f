package io.tickflow.backfill;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each exchange's page request and the bars of its documented answer (fixtures: src/test/resources/backfill). */
class CandleSourcesTest {

    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2024-01-01T00:10:00Z");

    @Test
    void binanceAsksForTheRangeInclusiveAndReadsKlines() throws IOException {
        BinanceKlines spot = new BinanceKlines("binance", "https://api.binance.com/api/v3/klines", 1000, 2);
        assertEquals("https://api.binance.com/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=1704067200000"
                + "&endTime=1704067799999&limit=1000", spot.uri("BTCUSDT", "1m", FROM, TO).toString());
        List<Bar> bars = spot.parse(fixture("binance-klines-BTCUSDT-1m.json"), "1m");
        assertEquals(120, bars.size());
        assertEquals(FROM, bars.get(0).start());
        assertEquals(new BigDecimal("42283.58000000"), bars.get(0).open());
        assertThrows(IllegalArgumentException.class, () -> spot.parse("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", "1m"));
        assertThrows(IllegalArgumentException.class, () -> spot.parse("[[1704067200000,\"1\"]]", "1m"));
    }

    @Test
    void aCandleTheLiveFeedsWouldRefuseFailsItsPageNamingWhy() {
        BinanceKlines spot = new BinanceKlines("binance", "https://api.binance.com/api/v3/klines", 1000, 2);
        String lowAboveHigh = "[[1704067200000,\"10\",\"11\",\"12\",\"10.5\",\"1\",1704067259999,\"0\",1,\"0\",\"0\",\"0\"]]";
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> spot.parse(lowAboveHigh, "1m"));
        assertTrue(refused.getMessage().contains("2024-01-01T00:00:00Z") && refused.getMessage().contains("low 12 above high 11"),
                refused.getMessage());
        String zeroPrice = lowAboveHigh.replace("\"10\",\"11\",\"12\"", "\"0\",\"11\",\"10\"");
        assertThrows(IllegalArgumentException.class, () -> spot.parse(zeroPrice, "1m"));
        // more decimals than the tables' DECIMAL(38, 18) keep
        String tooFine = lowAboveHigh.replace("\"10\",\"11\",\"12\"", "\"10.0000000000000000001\",\"11\",\"10\"");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> spot.parse(tooFine, "1m")).getMessage().contains("out of range"));
    }

    @Test
    void bitmexBucketsEndTheirIntervalSoBarsStartOneIntervalEarlier() throws IOException {
        BitmexBuckets bitmex = new BitmexBuckets("https://www.bitmex.com/api/v1/trade/bucketed", 1000);
        // bars starting in [00:00, 00:10) are the buckets stamped 00:01 .. 00:10
        assertEquals("https://www.bitmex.com/api/v1/trade/bucketed?binSize=1m&symbol=XBTUSD&startTime=2024-01-01T00:01:00Z"
                + "&endTime=2024-01-01T00:10:00Z&count=1000&reverse=false&partial=false",
                bitmex.uri("XBTUSD", "1m", FROM, TO).toString());
        List<Bar> bars = bitmex.parse(fixture("bitmex-trade-bucketed-XBTUSD-1m.json"), "1m");
        assertEquals(119, bars.size(), "the bucket without trades is no bar");
        assertEquals(FROM, bars.get(0).start(), "the bucket stamped 00:01");
        assertEquals(new BigDecimal("22.68669954"), bars.get(0).volume(), "homeNotional: the base asset, not contracts");
        List<Bar> hourly = bitmex.parse("[{\"timestamp\":\"2024-01-01T01:00:00.000Z\",\"open\":1,\"high\":2,\"low\":1,\"close\":2,"
                + "\"volume\":10,\"homeNotional\":0.5}]", "1h");
        assertEquals(FROM, hourly.get(0).start());
    }

    @Test
    void bitfinexReadsCloseBeforeHigh() throws IOException {
        BitfinexCandles bitfinex = new BitfinexCandles("https://api-pub.bitfinex.com/v2/candles", 10000);
        assertEquals("https://api-pub.bitfinex.com/v2/candles/trade:1D:tBTCUSD/hist?start=1704067200000&end=1704067799999"
                + "&limit=10000&sort=1", bitfinex.uri("tBTCUSD", "1d", FROM, TO).toString());
        Bar bar = bitfinex.parse("[[1704067200000,42290,42309.52,42316.32,42280.4,27.62344]]", "1m").get(0);
        assertEquals(new Bar(FROM, new BigDecimal("42290"), new BigDecimal("42316.32"), new BigDecimal("42280.4"),
                new BigDecimal("42309.52"), new BigDecimal("27.62344")), bar);
        assertEquals(120, bitfinex.parse(fixture("bitfinex-candles-trade-1m-tBTCUSD.json"), "1m").size());
    }

    @Test
    void coinbaseAnswersNewestFirstAsTimeLowHighOpenClose() throws IOException {
        CoinbaseCandles coinbase = new CoinbaseCandles("https://api.exchange.coinbase.com/products", 300);
        assertEquals("https://api.exchange.coinbase.com/products/BTC-USD/candles?granularity=60&start=2024-01-01T00:00:00Z"
                + "&end=2024-01-01T00:09:59Z", coinbase.uri("BTC-USD", "1m", FROM, TO).toString());
        List<Bar> bars = coinbase.parse("[[1704067260,42260.1,42290.5,42270,42280.2,3.5],[1704067200,42250,42275,42255,42270,1.25]]", "1m");
        assertEquals(new Bar(FROM, new BigDecimal("42255"), new BigDecimal("42275"), new BigDecimal("42250"), new BigDecimal("42270"),
                new BigDecimal("1.25")), bars.get(0), "oldest first");
        assertEquals(119, coinbase.parse(fixture("coinbase-candles-BTC-USD-60.json"), "1m").size());
    }

    @Test
    void krakenServesItsMostRecentCandlesAndSaysErrorsInTheBody() {
        KrakenOhlc kraken = new KrakenOhlc("https://api.kraken.com/0/public/OHLC");
        assertEquals("https://api.kraken.com/0/public/OHLC?pair=XBTUSD&interval=60&since=1704067199",
                kraken.uri("XBT/USD", "1h", FROM, TO).toString());
        assertEquals(720, kraken.mostRecent().getAsInt());
        List<Bar> bars = kraken.parse("{\"error\":[],\"result\":{\"XXBTZUSD\":[[1704067200,\"42283.5\",\"42300.0\",\"42280.1\","
                + "\"42299.9\",\"42290.0\",\"12.5\",140]],\"last\":1704067140}}", "1m");
        assertEquals(List.of(new Bar(FROM, new BigDecimal("42283.5"), new BigDecimal("42300.0"), new BigDecimal("42280.1"),
                new BigDecimal("42299.9"), new BigDecimal("12.5"))), bars);
        assertThrows(RetryableAnswer.class, () -> kraken.parse("{\"error\":[\"EGeneral:Too many requests\"]}", "1m"));
        assertThrows(IllegalArgumentException.class, () -> kraken.parse("{\"error\":[\"EQuery:Unknown asset pair\"]}", "1m"));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = CandleSourcesTest.class.getResourceAsStream("/backfill/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
