package io.tickflow.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Each venue's instrument answer (recorded responses in src/test/resources/instruments/, written
 * from the APIs' documentation) read into exactly these instruments: symbols, assets, type,
 * expiry, contract size, inverse, tick and lot size.
 */
class InstrumentLoadersTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = InstrumentLoadersTest.class.getResourceAsStream("/instruments/" + name)) {
            return JSON.readTree(in);
        }
    }

    private static BigDecimal d(String text) {
        return new BigDecimal(text);
    }

    @Test
    void binanceSpot() throws IOException {
        assertEquals(List.of(
                new InstrumentSpec("binance", "ETHBTC", "ETH", "BTC", "BTC", InstrumentType.SPOT, null, BigDecimal.ONE, false,
                        d("0.00001"), d("0.0001")),
                new InstrumentSpec("binance", "BTCUSDT", "BTC", "USDT", "USDT", InstrumentType.SPOT, null, BigDecimal.ONE, false,
                        d("0.01"), d("0.00001"))),
                InstrumentSource.of("binance", "http://x").parse(fixture("binance-spot-exchangeInfo.json")));
    }

    @Test
    void binanceUsdmLeavesOutContractsWithoutAType() throws IOException {
        List<InstrumentSpec> found = InstrumentSource.of("binance-usdm", "http://x").parse(fixture("binance-usdm-exchangeInfo.json"));
        assertEquals(List.of(
                new InstrumentSpec("binance-usdm", "BTCUSDT", "BTC", "USDT", "USDT", InstrumentType.PERPETUAL, null, BigDecimal.ONE,
                        false, d("0.1"), d("0.001")),
                new InstrumentSpec("binance-usdm", "BTCUSDT_250328", "BTC", "USDT", "USDT", InstrumentType.FUTURE,
                        LocalDate.of(2025, 3, 28), BigDecimal.ONE, false, d("0.1"), d("0.001"))), found);
        assertEquals(List.of("BTC-USDT-PERP", "BTC-USDT-20250328"), found.stream().map(InstrumentSpec::symbol).toList());
    }

    @Test
    void binanceCoinmIsInverseWithItsContractSize() throws IOException {
        List<InstrumentSpec> found = InstrumentSource.of("binance-coinm", "http://x").parse(fixture("binance-coinm-exchangeInfo.json"));
        assertEquals(List.of(
                new InstrumentSpec("binance-coinm", "BTCUSD_PERP", "BTC", "USD", "BTC", InstrumentType.PERPETUAL, null, d("100"),
                        true, d("0.1"), d("1")),
                new InstrumentSpec("binance-coinm", "BTCUSD_250328", "BTC", "USD", "BTC", InstrumentType.FUTURE,
                        LocalDate.of(2025, 3, 28), d("100"), true, d("0.1"), d("1")),
                new InstrumentSpec("binance-coinm", "ETHUSD_PERP", "ETH", "USD", "ETH", InstrumentType.PERPETUAL, null, d("10"),
                        true, d("0.01"), d("1"))), found);
        // 200 contracts of 100 USD at 40000 USD: 0.5 BTC
        assertEquals(d("0.5"), found.get(0).baseAmount(d("200"), d("40000")));
    }

    @Test
    void bitmexInverseLinearQuantoAndFutures() throws IOException {
        List<InstrumentSpec> found = InstrumentSource.of("bitmex", "http://x").parse(fixture("bitmex-instrument-active.json"));
        assertEquals(List.of(
                new InstrumentSpec("bitmex", "XBTUSD", "BTC", "USD", "XBT", InstrumentType.PERPETUAL, null, d("1"), true, d("0.5"),
                        d("100")),
                new InstrumentSpec("bitmex", "XBTZ24", "BTC", "USD", "XBT", InstrumentType.FUTURE, LocalDate.of(2024, 12, 27), d("1"),
                        true, d("0.5"), d("100")),
                new InstrumentSpec("bitmex", "XBTUSDT", "BTC", "USDT", "USDT", InstrumentType.PERPETUAL, null, d("0.000001"), false,
                        d("0.5"), d("1000")),
                new InstrumentSpec("bitmex", "ETHUSD", "ETH", "USD", "XBT", InstrumentType.PERPETUAL, null, null, false, d("0.05"),
                        d("1"))), found);
        assertEquals(List.of("BTC-USD-PERP", "BTC-USD-20241227", "BTC-USDT-PERP", "ETH-USD-PERP"),
                found.stream().map(InstrumentSpec::symbol).toList());
    }

    @Test
    void bitfinexPairsAndPerpetualsWithTheFeedsLeadingT() throws IOException {
        List<InstrumentSpec> found = InstrumentSource.of("bitfinex", "http://x").parse(fixture("bitfinex-conf-pub-info-pair.json"));
        assertEquals(List.of(
                InstrumentSpec.spot("bitfinex", "tBTCUSD", "BTC", "USD"),
                InstrumentSpec.spot("bitfinex", "tBFTUSD", "BFT", "USD"),
                InstrumentSpec.spot("bitfinex", "tIOTETH", "IOT", "ETH"),
                InstrumentSpec.spot("bitfinex", "tTESTBTC:TESTUSD", "TESTBTC", "TESTUSD"),
                new InstrumentSpec("bitfinex", "tBTCF0:USTF0", "BTC", "USDT", "USDT", InstrumentType.PERPETUAL, null, BigDecimal.ONE,
                        false, null, null),
                new InstrumentSpec("bitfinex", "tETHF0:USTF0", "ETH", "USDT", "USDT", InstrumentType.PERPETUAL, null, BigDecimal.ONE,
                        false, null, null)), found);
        assertEquals(List.of("BTC-USD", "BFT-USD", "IOT-ETH", "TESTBTC-TESTUSD", "BTC-USDT-PERP", "ETH-USDT-PERP"),
                found.stream().map(InstrumentSpec::symbol).toList());
    }

    @Test
    void coinbaseProductsWithTheirIncrements() throws IOException {
        assertEquals(List.of(
                new InstrumentSpec("coinbase", "BTC-USD", "BTC", "USD", "USD", InstrumentType.SPOT, null, BigDecimal.ONE, false,
                        d("0.01"), d("0.00000001")),
                new InstrumentSpec("coinbase", "BAND-GBP", "BAND", "GBP", "GBP", InstrumentType.SPOT, null, BigDecimal.ONE, false,
                        d("0.0001"), d("0.01")),
                new InstrumentSpec("coinbase", "SKL-USD", "SKL", "USD", "USD", InstrumentType.SPOT, null, BigDecimal.ONE, false,
                        d("0.00001"), d("1")),
                new InstrumentSpec("coinbase", "YFI-BTC", "YFI", "BTC", "BTC", InstrumentType.SPOT, null, BigDecimal.ONE, false,
                        d("0.00001"), d("0.000001"))),
                InstrumentSource.of("coinbase", "http://x").parse(fixture("coinbase-products.json")));
    }

    @Test
    void krakenPairsByTheirWebSocketNameLeavingOutPairsWithoutOne() throws IOException {
        List<InstrumentSpec> found = InstrumentSource.of("kraken", "http://x").parse(fixture("kraken-asset-pairs.json"));
        assertEquals(List.of(
                new InstrumentSpec("kraken", "XBT/USD", "BTC", "USD", "USD", InstrumentType.SPOT, null, BigDecimal.ONE, false,
                        d("0.1"), d("0.00000001")),
                new InstrumentSpec("kraken", "ETH/XBT", "ETH", "BTC", "BTC", InstrumentType.SPOT, null, BigDecimal.ONE, false,
                        d("0.00001"), d("0.00000001")),
                // no tick_size: 10^-pair_decimals
                new InstrumentSpec("kraken", "XMR/USD", "XMR", "USD", "USD", InstrumentType.SPOT, null, BigDecimal.ONE, false,
                        d("0.01"), d("0.00000001")),
                new InstrumentSpec("kraken", "ETH/CHF", "ETH", "CHF", "CHF", InstrumentType.SPOT, null, BigDecimal.ONE, false,
                        d("0.01"), d("0.00000001"))), found);
        assertEquals(List.of("BTC-USD", "ETH-BTC", "XMR-USD", "ETH-CHF"), found.stream().map(InstrumentSpec::symbol).toList());
    }

    @Test
    void badRowsAreSkippedWithTheirReasonsAndTheGoodOnesKept() throws IOException {
        InstrumentRows rows = InstrumentSource.of("binance", "http://x").read(JSON.readTree("""
                {"symbols":[
                  {"symbol":"ETHBTC","baseAsset":"ETH","quoteAsset":"BTC","filters":[]},
                  {"symbol":"BTCUSDT","quoteAsset":"USDT","filters":[]},
                  {"symbol":"BNBUSDT","baseAsset":"BNB","quoteAsset":"USDT",
                   "filters":[{"filterType":"PRICE_FILTER","tickSize":"0.0x1"}]},
                  {"baseAsset":"SOL","quoteAsset":"USDT"},
                  {"symbol":"XRPUSDT","baseAsset":"XRP","quoteAsset":"USDT","filters":[]}]}"""));
        assertEquals(List.of("ETHBTC", "XRPUSDT"), rows.instruments().stream().map(InstrumentSpec::rawSymbol).toList());
        assertEquals(List.of(
                "no \"baseAsset\" (row {\"symbol\":\"BTCUSDT\",\"quoteAsset\":\"USDT\",\"filters\":[]})",
                "not a number \"tickSize\": \"0.0x1\" (row {\"symbol\":\"BNBUSDT\",\"baseAsset\":\"BNB\",\"quoteAsset\":\"USDT\","
                        + "\"filters\":[{\"filterType\":\"PRICE_FILTER\",\"tickSize\":\"0.0x1\"}]})",
                "no \"symbol\" (row {\"baseAsset\":\"SOL\",\"quoteAsset\":\"USDT\"})"), rows.skipped());
        assertEquals(java.util.Set.of("BTCUSDT", "BNBUSDT"), rows.skippedSymbols());

        // a bad row in each of the new venues' shapes costs only itself
        assertEquals(1, InstrumentSource.of("bitfinex", "http://x").read(JSON.readTree(
                "[[[\"BTCUSD\",[null,null,null,\"0.00006\"]],[\"BTC\"],[42,[]]]]")).instruments().size());
        assertEquals(1, InstrumentSource.of("coinbase", "http://x").read(JSON.readTree(
                "[{\"id\":\"BTC-USD\",\"base_currency\":\"BTC\",\"quote_currency\":\"USD\"},{\"id\":\"X-Y\"}]")).instruments().size());
        InstrumentRows kraken = InstrumentSource.of("kraken", "http://x").read(JSON.readTree(
                "{\"error\":[],\"result\":{\"A\":{\"wsname\":\"XBT/USD\"},\"B\":{\"wsname\":\"XBTUSD\"}}}"));
        assertEquals(List.of("XBT/USD"), kraken.instruments().stream().map(InstrumentSpec::rawSymbol).toList());
        assertEquals(List.of("not a pair: XBTUSD (row {\"wsname\":\"XBTUSD\"})"), kraken.skipped());
    }

    @Test
    void anAnswerWhoseRowsAreAllBadIsAnErrorNamingTheFirstReason() throws IOException {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> InstrumentSource.of("coinbase", "http://x")
                .read(JSON.readTree("[{\"id\":\"BTC-USD\"},{\"id\":\"ETH-USD\"}]")));
        assertEquals("no instruments in the answer (2 rows skipped, the first: no \"base_currency\" (row {\"id\":\"BTC-USD\"}))",
                error.getMessage());
    }

    @Test
    void anAnswerWithoutInstrumentsIsAnError() throws IOException {
        InstrumentSource binance = InstrumentSource.of("binance", "http://x");
        assertEquals("no list \"symbols\" in the answer",
                assertThrows(IllegalArgumentException.class, () -> binance.parse(JSON.readTree("{\"code\":-1003}"))).getMessage());
        assertEquals("no instruments in the answer",
                assertThrows(IllegalArgumentException.class, () -> binance.parse(JSON.readTree("{\"symbols\":[]}"))).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> InstrumentSource.of("bitmex", "http://x").parse(JSON.readTree("{\"error\":{\"message\":\"Not Found\"}}")));
        assertEquals("Kraken error [\"EGeneral:Too many requests\"]", assertThrows(IllegalArgumentException.class,
                () -> InstrumentSource.of("kraken", "http://x").parse(JSON.readTree("{\"error\":[\"EGeneral:Too many requests\"]}")))
                .getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> InstrumentSource.of("bitfinex", "http://x").parse(JSON.readTree("[\"error\",10020,\"symbol: invalid\"]")));
        assertThrows(IllegalArgumentException.class,
                () -> InstrumentSource.of("coinbase", "http://x").parse(JSON.readTree("{\"message\":\"NotFound\"}")));
    }
}
