package io.tickflow.backfill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.tickflow.api.ApiException;
import io.tickflow.instrument.InstrumentRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The checks of a backfill request: fields named in 400s, ranges widened to whole intervals, Kraken's most recent 720. */
class BackfillRequestsTest {

    private final BackfillRequests requests = new BackfillRequests();

    @BeforeEach
    void venues() {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("binance", new BackfillVenue(new BinanceKlines("binance", "http://x", 1000, 2), 10, 1000));
        context.getRegistry().bind("kraken", new BackfillVenue(new KrakenOhlc("http://x"), 1, 1000));
        context.getRegistry().bind("bitmex", new BackfillVenue(new BitmexBuckets("http://x", 1000), new BitmexTrades("http://x", 1000), 30,
                60000));
        BackfillVenues venues = new BackfillVenues();
        venues.setCamelContext(context);
        SymbolResolver symbols = new SymbolResolver();
        symbols.setRegistry(new InstrumentRegistry());
        requests.setVenues(venues);
        requests.setSymbolResolver(symbols);
        requests.setMaxCandles(1000);
        requests.setClock(Clock.fixed(Instant.parse("2026-11-25T20:22:34Z"), ZoneOffset.UTC));
    }

    @Test
    void aRangeIsWidenedToWholeIntervalsAndSymbolsNormalized() {
        BackfillRequest request = requests.parse("{\"exchange\":\"binance\",\"symbols\":[\"BTCUSDT\",\"BTC-USDT\",\"ETH-USDT\"],"
                + "\"interval\":\"5m\",\"from\":\"2026-11-25T10:02:00Z\",\"to\":\"2026-11-25T10:31:00Z\"}");
        assertEquals(new BackfillRequest("binance", List.of("BTC-USDT", "ETH-USDT"), "5m", Instant.parse("2026-11-25T10:00:00Z"),
                Instant.parse("2026-11-25T10:35:00Z")), request);
        assertEquals(Instant.parse("2026-11-24T00:00:00Z"), requests.parse("{\"exchange\":\"binance\",\"symbol\":\"BTC-USDT\","
                + "\"interval\":\"1h\",\"from\":\"2026-11-24\",\"to\":\"2026-11-25\"}").from());
        assertEquals(Instant.parse("2026-11-27T10:02:00Z"), BackfillRequests.align(Instant.parse("2026-11-27T10:02:00Z"),
                Duration.ofDays(7), false), "weeks are left as given");
    }

    @Test
    void eachProblemNamesItsField() {
        assertField("symbols", "{\"exchange\":\"binance\",\"interval\":\"1m\",\"from\":\"2026-11-24\",\"to\":\"2026-11-25\"}");
        assertField("symbols", "{\"exchange\":\"binance\",\"symbols\":[7],\"interval\":\"1m\",\"from\":\"2026-11-24\",\"to\":\"2026-11-25\"}");
        ApiException interval = assertField("interval",
                "{\"exchange\":\"binance\",\"symbols\":[\"BTC-USDT\"],\"interval\":\"2m\",\"from\":\"2026-11-24\",\"to\":\"2026-11-25\"}");
        assertEquals("binance has no interval '2m'; it offers 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w", interval.getMessage());
        assertField("to", "{\"exchange\":\"binance\",\"symbols\":[\"BTC-USDT\"],\"interval\":\"1m\",\"from\":\"2026-11-24\",\"to\":\"2026-11-25\"}");
        assertField("from", "{\"exchange\":\"binance\",\"symbols\":[\"BTC-USDT\"],\"interval\":\"1h\",\"from\":\"2026-11-25\",\"to\":\"2026-11-25\"}");
        assertField("exchange", "{\"exchange\":\"\",\"symbols\":[\"BTC-USDT\"],\"interval\":\"1h\",\"from\":\"2026-11-24\",\"to\":\"2026-11-25\"}");
        assertField("body", "[1]");
    }

    @Test
    void krakenTakesOnlyItsMostRecentCandles() {
        // now 20:22:34: the 720 most recent 1m candles start at 08:23
        ApiException early = assertThrows(ApiException.class, () -> requests.parse("{\"exchange\":\"kraken\",\"symbols\":[\"BTC-USD\"],"
                + "\"interval\":\"1m\",\"from\":\"2026-11-25T08:22:00Z\",\"to\":\"2026-11-25T09:00:00Z\"}"));
        assertEquals("from", early.getParameter());
        assertEquals("kraken serves only its 720 most recent 1m candles: from must be 2026-11-25T08:23:00Z or later", early.getMessage());
        assertEquals(List.of("BTC-USD"), requests.parse("{\"exchange\":\"kraken\",\"symbols\":[\"XBT/USD\"],\"interval\":\"1m\","
                + "\"from\":\"2026-11-25T08:23:00Z\",\"to\":\"2026-11-25T20:23:00Z\"}").symbols());
    }

    @Test
    void tradesAreAskedForWithTheIntervalTradesInWholeHoursUpToTheirOwnLimit() {
        requests.setMaxTradeHours(48);
        assertEquals(new BackfillRequest("bitmex", List.of("BTC-USD-PERP"), "trades", Instant.parse("2026-11-24T10:00:00Z"),
                Instant.parse("2026-11-24T13:00:00Z")), requests.parse("{\"exchange\":\"bitmex\",\"symbols\":[\"XBTUSD\"],"
                        + "\"interval\":\"trades\",\"from\":\"2026-11-24T10:20:00Z\",\"to\":\"2026-11-24T12:00:01Z\"}"));
        // 48 hours, as many candles of 1m as max-candles (1000) does not allow: the trades' own limit applies
        assertEquals(Instant.parse("2026-11-26T00:00:00Z"), requests.parse("{\"exchange\":\"bitmex\",\"symbol\":\"XBTUSD\","
                + "\"interval\":\"trades\",\"from\":\"2026-11-24\",\"to\":\"2026-11-26\"}").to());
        ApiException tooLong = assertField("to", "{\"exchange\":\"bitmex\",\"symbol\":\"XBTUSD\",\"interval\":\"trades\","
                + "\"from\":\"2026-11-24\",\"to\":\"2026-11-26T00:00:01Z\"}");
        assertEquals("The range spans 49 hours of trades per symbol, more than 48 (tickflow.backfill.max-trade-hours); split it into"
                + " several backfills", tooLong.getMessage());
        ApiException noTrades = assertField("interval", "{\"exchange\":\"kraken\",\"symbols\":[\"BTC-USD\"],\"interval\":\"trades\","
                + "\"from\":\"2026-11-25T10:00:00Z\",\"to\":\"2026-11-25T11:00:00Z\"}");
        assertEquals("kraken has no trade backfill (exchanges with one: bitmex); its candle intervals are 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w",
                noTrades.getMessage());
        assertField("from", "{\"exchange\":\"bitmex\",\"symbol\":\"XBTUSD\",\"interval\":\"trades\","
                + "\"from\":\"2026-11-24T10:30:00Z\",\"to\":\"2026-11-24T09:00:00Z\"}");
        ApiException bucket = assertField("interval", "{\"exchange\":\"bitmex\",\"symbol\":\"XBTUSD\",\"interval\":\"3m\","
                + "\"from\":\"2026-11-24\",\"to\":\"2026-11-25\"}");
        assertEquals("bitmex has no interval '3m'; it offers 1m, 5m, 1h, 1d, trades", bucket.getMessage());
    }

    private ApiException assertField(String field, String body) {
        ApiException e = assertThrows(ApiException.class, () -> requests.parse(body));
        assertEquals(400, e.getStatus());
        assertEquals(field, e.getParameter(), e.getMessage());
        return e;
    }
}
