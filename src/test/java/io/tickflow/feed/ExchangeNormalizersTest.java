package io.tickflow.feed;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.event.EventRecord;
import io.tickflow.instrument.InstrumentLookup;
import io.tickflow.venue.BadFrame;
import io.tickflow.venue.BinanceNormalizer;
import io.tickflow.venue.BitfinexNormalizer;
import io.tickflow.venue.BitmexNormalizer;
import io.tickflow.venue.CoinbaseNormalizer;
import io.tickflow.venue.Instruments;
import io.tickflow.venue.KrakenNormalizer;
import io.tickflow.venue.PartialFrame;
import io.tickflow.venue.ReconnectRequested;
import org.junit.jupiter.api.Test;

import static io.tickflow.feed.BinanceUsdmFeedsIT.assertEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every recorded frame of every fixture: data frames become exact events, control frames nothing. */
class ExchangeNormalizersTest {

    @Test
    void binanceUsdmBookTickerFramesBecomeQuotes() throws Exception {
        FixtureReplay r = FixtureReplay.of("binance_usdm_bookTicker.jsonl", new BinanceNormalizer("binance-usdm"));
        assertEquals(613, r.events.size());
        assertEquals(List.of(), r.rejected);
        JsonNode q = r.events.get(0);
        assertEvent(q, "quote", "SUSHI-USDT-PERP", "SUSHIUSDT", "2021-07-22T22:25:41.012000Z");
        assertEquals(List.of("7.6110", "2", "7.6120", "297"), decimals(q, "bidPrice", "bidSize", "askPrice", "askSize"));
    }

    @Test
    void binanceSpotFramesBecomeTradesCandlesAndQuotes() throws Exception {
        FixtureReplay trades = FixtureReplay.of("binance_spot_aggTrade.jsonl", new BinanceNormalizer("binance"));
        assertEquals(2, trades.events.size());
        JsonNode lrc = trades.first("symbol", "LRC-BTC");
        assertEvent(lrc, "trade", "LRC-BTC", "LRCBTC", "2021-10-12T00:28:54.486000Z");
        assertEquals(List.of("buy", "0.00000638", "177.00000000", "9213679"), decimals(lrc, "side", "price", "amount", "tradeId"));

        FixtureReplay candles = FixtureReplay.of("binance_spot_kline.jsonl", new BinanceNormalizer("binance"));
        assertEquals(2, candles.events.size());
        assertEquals(List.of("1m", "0.35270000", "0.35280000", "0.35220000", "0.35280000", "25877.00000000", "false"),
                decimals(candles.first("symbol", "NKN-USDT"), "interval", "open", "high", "low", "close", "volume", "closed"));

        FixtureReplay quotes = FixtureReplay.of("binance_spot_bookTicker.jsonl", new BinanceNormalizer("binance"));
        assertEquals(84, quotes.events.size());
        assertEquals(List.of(), quotes.rejected);
        assertEquals("2026-11-25T12:00:00.123456Z", quotes.events.get(0).get("ts").asText(),
                "spot bookTicker has no exchange time: ts is the receipt time");
    }

    @Test
    void bitmexTradesAndQuotesMapXbtToBtcAndReadDatedFuturesWithBaseAmounts() throws Exception {
        FixtureReplay trades = FixtureReplay.of("bitmex_trade.jsonl", new BitmexNormalizer());
        assertEquals(27, trades.events.size());
        assertEquals(11, trades.controlFrames, "welcome and subscription acks");
        assertEquals(List.of(), trades.rejected, "the dated futures XRPU21 and TRXU21 are read");
        assertEquals(20, trades.count("side", "buy"));
        JsonNode xbt = trades.first("rawSymbol", "XBTUSD");
        assertEvent(xbt, "trade", "BTC-USD-PERP", "XBTUSD", "2021-07-22T22:35:59.790000Z");
        assertEquals(List.of("buy", "32175", "1000", "a36d1fb8-ff0c-d428-cde7-d166a181c1d2"),
                decimals(xbt, "side", "price", "amount", "tradeId"));
        assertEquals(List.of("0.03108003108003108", "1000"), decimals(xbt, "baseAmount", "quoteAmount"),
                "inverse, 1 USD a contract: 1000 / 32175 BTC, rounded at 18 decimals; foreignNotional as sent");
        JsonNode uni = trades.first("tradeId", "39744121-c20e-44ba-8cc8-a6b8cdf72885");
        assertEquals(List.of("UNI-USDT-PERP", "17.297", "52", "16.73101673101673", "289.39639639639637"),
                decimals(uni, "symbol", "price", "amount", "baseAmount", "quoteAmount"), "a quanto: BitMEX's own notionals");
        JsonNode xrp = trades.first("rawSymbol", "XRPU21");
        assertEquals(List.of("XRP-BTC-20210924", "sell", "0.00001819", "15"), decimals(xrp, "symbol", "side", "price", "amount"),
                "U21: September 2021, expiring on its last Friday; BitMEX's altcoin futures are quoted in XBT");
        assertEquals("TRX-BTC-20210924", trades.first("rawSymbol", "TRXU21").get("symbol").asText());

        FixtureReplay quotes = FixtureReplay.of("bitmex_quote.jsonl", new BitmexNormalizer());
        assertEquals(436, quotes.events.size());
        assertEquals(List.of(), quotes.rejected);
        assertEquals(11, quotes.controlFrames);
        assertTrue(quotes.count("symbol", "BTC-USD-PERP") > 0);
        assertEquals(0, quotes.count("symbol", "XBT-USD-PERP"));
        assertEquals(3, quotes.count("symbol", "XRP-BTC-20210924") + quotes.count("symbol", "TRX-BTC-20210924"));
    }

    @Test
    void derivativeSymbolsFollowOneSchemeOnEveryVenue() {
        assertEquals(List.of("BTC-USD-PERP", "BTC-USD-20241227", "ETH-USDT-20250328", "BTC-USDT"),
                List.of(symbol("bitmex", "XBTUSD"), symbol("bitmex", "XBTZ24"), symbol("bitmex", "ETHUSDTH25"), symbol("bitmex", "XBT_USDT")),
                "BitMEX futures expire on the month's last Friday");
        assertEquals(List.of("BTC-USDT-PERP", "BTC-USDT-20250328", "BTC-USD-PERP", "ETH-USD-20250328", "BTC-USDT"),
                List.of(symbol("binance-usdm", "BTCUSDT"), symbol("binance-usdm", "BTCUSDT_250328"), symbol("binance-coinm", "BTCUSD_PERP"),
                        symbol("binance-coinm", "ETHUSD_250328"), symbol("binance", "BTCUSDT")));
        assertEquals(List.of("BTC-USDT-PERP", "BTC-USD"), List.of(symbol("bitfinex", "tBTCF0:USTF0"), symbol("bitfinex", "tBTCUSD")));
        assertThrows(BadFrame.class, () -> symbol("binance-coinm", "BTCUSDT"), "COIN-M symbols have a _PERP or _YYMMDD suffix");
        assertThrows(BadFrame.class, () -> symbol("bitmex", "FOOBAR"));
    }

    @Test
    void inverseAndLinearSizesBecomeBaseAmounts() {
        Instruments coinm = Instruments.of("binance-coinm", InstrumentLookup.NONE);
        assertEquals("0.0025", coinm.spec("BTCUSD_PERP").baseAmount(new BigDecimal("2"), new BigDecimal("80000")).toPlainString(),
                "2 contracts of 100 USD at 80,000 USD: 0.0025 BTC");
        assertEquals("0.333333333333333333", coinm.spec("ETHUSD_PERP").baseAmount(BigDecimal.ONE, new BigDecimal("30")).toPlainString(),
                "10 USD at 30 USD an ETH, rounded at the 18th decimal");
        assertEquals("0.115", Instruments.of("binance-usdm", InstrumentLookup.NONE).spec("BTCUSDT")
                .baseAmount(new BigDecimal("0.115"), new BigDecimal("26142.12")).toPlainString(), "USD-M sizes are in coins");
    }

    @Test
    void inverseContractsHaveTheirQuoteAmountExactly() {
        Instruments coinm = Instruments.of("binance-coinm", InstrumentLookup.NONE);
        assertEquals("300", coinm.spec("BTCUSD_PERP").quoteAmount(new BigDecimal("3")).toPlainString(), "3 contracts of 100 USD");
        assertEquals("40", coinm.spec("ETHUSD_250328").quoteAmount(new BigDecimal("4")).toPlainString(), "4 contracts of 10 USD");
        assertEquals(null, Instruments.of("binance-usdm", InstrumentLookup.NONE).spec("BTCUSDT").quoteAmount(new BigDecimal("0.115")),
                "a linear contract's quote value depends on the price");
        assertEquals(null, Instruments.of("binance", InstrumentLookup.NONE).spec("BTCUSDT").quoteAmount(BigDecimal.ONE));
    }

    private static String symbol(String exchange, String raw) {
        return Instruments.of(exchange, InstrumentLookup.NONE).spec(raw).symbol();
    }

    @Test
    void bitfinexTradesTakeTheSideFromTheAmountSign() throws Exception {
        FixtureReplay trades = FixtureReplay.of("bitfinex_trades.jsonl", new BitfinexNormalizer());
        assertEquals(210, trades.events.size());
        assertEquals(88, trades.count("side", "buy"));
        assertEquals(List.of(), trades.rejected);
        assertEquals(32 - 7, trades.controlFrames, "info, conf, subscribed acks and heartbeats");
        JsonNode sell = trades.first("tradeId", "669898213");
        assertEvent(sell, "trade", "BFT-USD", "tBFTUSD", "2021-04-17T12:05:10.078000Z");
        assertEquals(List.of("sell", "0.068961", "2272.50116833"), decimals(sell, "side", "price", "amount"));
        assertEquals("TESTBTC-TESTUSD", trades.first("rawSymbol", "tTESTBTC:TESTUSD").get("symbol").asText());
    }

    @Test
    void bitfinexCandlesSnapshotAndUpdate() {
        BitfinexNormalizer n = new BitfinexNormalizer();
        assertEquals(List.of(), n.normalize("{\"event\":\"subscribed\",\"channel\":\"candles\",\"chanId\":343351,\"key\":\"trade:1m:tBTCUSD\"}", FixtureReplay.RECEIVED));
        List<EventRecord> snapshot = n.normalize("[343351,[[1574698260000,7379.785503,7383.8,7388.3,7379.785503,1.68829482],"
                + "[1574698200000,7387.7,7379.7,7388,7379.7,9.1]],5]", FixtureReplay.RECEIVED);
        assertEquals(2, snapshot.size());
        assertTrue(snapshot.get(0).json().contains("\"ts\":\"2019-11-25T16:11:00.000000Z\""), snapshot.get(0).json());
        assertTrue(snapshot.get(0).json().contains("\"open\":\"7379.785503\",\"high\":\"7388.3\",\"low\":\"7379.785503\",\"close\":\"7383.8\",\"volume\":\"1.68829482\",\"closed\":false"), snapshot.get(0).json());
        assertTrue(snapshot.get(1).json().contains("\"closed\":true"), "older snapshot candles are final");
        assertEquals(1, n.normalize("[343351,[1574698260000,7379.785503,7384,7390,7379.785503,2.5],6]", FixtureReplay.RECEIVED).size());
        assertThrows(BadFrame.class, () -> n.normalize("[343351,[1574698260000,7379,7384,7000,7390,2.5],7]", FixtureReplay.RECEIVED),
                "low above high");
        assertThrows(ReconnectRequested.class, () -> n.normalize("{\"event\":\"info\",\"code\":20051,\"msg\":\"Stop/Restart\"}", FixtureReplay.RECEIVED));
    }

    @Test
    void aBitfinexSnapshotWithABadRowKeepsTheOtherRows() {
        BitfinexNormalizer n = new BitfinexNormalizer();
        n.normalize("{\"event\":\"subscribed\",\"channel\":\"trades\",\"chanId\":17,\"symbol\":\"tBTCUSD\"}", FixtureReplay.RECEIVED);
        PartialFrame partial = assertThrows(PartialFrame.class, () -> n.normalize(
                "[17,[[401597395,1574694478808,0.005,7245.3],[401597394,1574694478807,0,7245.2],[401597393,1574694478806,-0.3,7245.1]],1]",
                FixtureReplay.RECEIVED));
        assertEquals(2, partial.accepted().size());
        assertTrue(partial.accepted().get(1).json().contains("\"side\":\"sell\",\"price\":\"7245.1\",\"amount\":\"0.3\""),
                partial.accepted().get(1).json());
        assertEquals(List.of(new PartialFrame.BadRow("[401597394,1574694478807,0,7245.2]", "amount must not be zero")), partial.rejected());
    }

    @Test
    void coinbaseMatchesTakeTheTakerSideOppositeTheMakerSide() throws Exception {
        FixtureReplay trades = FixtureReplay.of("coinbase_matches.jsonl", new CoinbaseNormalizer());
        assertEquals(107, trades.events.size());
        assertEquals(3, trades.controlFrames);
        assertEquals(List.of(), trades.rejected);
        assertEquals(53, trades.count("side", "buy"), "53 matches have maker side sell");
        JsonNode skl = trades.first("tradeId", "280232");
        assertEvent(skl, "trade", "SKL-BTC", "SKL-BTC", "2021-04-17T16:43:37.089723Z");
        assertEquals(List.of("buy", "0.00001305", "985"), decimals(skl, "side", "price", "amount"));

        FixtureReplay quotes = FixtureReplay.of("coinbase_ticker.jsonl", new CoinbaseNormalizer());
        assertEquals(107, quotes.events.size());
        assertEquals(3, quotes.controlFrames);
        JsonNode band = quotes.first("symbol", "BAND-GBP");
        assertEvent(band, "quote", "BAND-GBP", "BAND-GBP", "2021-04-17T16:43:30.244075Z");
        assertEquals(List.of("14.7550", "14.8060"), decimals(band, "bidPrice", "askPrice"));
        assertTrue(band.get("bidSize").isNull(), "the 2021 ticker has no sizes");
    }

    @Test
    void krakenTradesAndTickersMapXbtAndKeepMicroseconds() throws Exception {
        FixtureReplay trades = FixtureReplay.of("kraken_trade.jsonl", new KrakenNormalizer());
        assertEquals(10, trades.events.size());
        assertEquals(5, trades.count("side", "buy"));
        assertEquals(41, trades.controlFrames, "status, subscription acks, heartbeats");
        assertEquals(List.of(), trades.rejected);
        JsonNode xmr = trades.first("price", "354.11000000");
        assertEvent(xmr, "trade", "XMR-USD", "XMR/USD", "2021-04-17T16:49:02.557535Z");
        assertEquals(List.of("sell", "0.89594024"), decimals(xmr, "side", "amount"));
        assertEquals("1618678142.557535-354.11000000-0.89594024-s", xmr.get("tradeId").asText());

        FixtureReplay quotes = FixtureReplay.of("kraken_ticker.jsonl", new KrakenNormalizer());
        assertEquals(18, quotes.events.size());
        assertEquals(42, quotes.controlFrames);
        JsonNode ksm = quotes.first("rawSymbol", "KSM/XBT");
        assertEquals(List.of("KSM-BTC", "0.00758000", "0.21000000", "0.00758800", "1.30832721"),
                decimals(ksm, "symbol", "bidPrice", "bidSize", "askPrice", "askSize"));
    }

    static List<String> decimals(JsonNode e, String... fields) {
        return java.util.Arrays.stream(fields).map(f -> e.get(f).asText()).toList();
    }
}
