package io.tickflow.feed;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.event.EventRecord;
import io.tickflow.instrument.InstrumentLookup;
import io.tickflow.venue.BitfinexNormalizer;
import io.tickflow.venue.BitmexNormalizer;
import io.tickflow.venue.CoinbaseNormalizer;
import io.tickflow.venue.FrameNormalizer;
import io.tickflow.venue.Instruments;
import io.tickflow.venue.PublishedTrades;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A trades snapshot (BitMEX partial, Bitfinex snapshot, Coinbase last_match) resent on a new connection (a new normalizer sharing the feed's
 * PublishedTrades) publishes only the rows after the newest trade already published.
 */
class SnapshotRowsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void bitmexPartialAfterAReconnectKeepsOnlyNewerRows() throws Exception {
        PublishedTrades published = new PublishedTrades();
        String first = partial(row("2021-07-22T22:24:15.328Z", "a"), row("2021-07-22T22:24:15.328Z", "b"));
        assertEquals(List.of("a", "b"), ids(bitmex(published), first));
        assertEquals(List.of("a", "b"), ids(bitmex(new PublishedTrades()), first), "a feed's first partial is published whole");
        // same millisecond as the newest published, but a trade not published yet; and a later one
        String second = partial(row("2021-07-22T22:24:14.000Z", "z"), row("2021-07-22T22:24:15.328Z", "a"),
                row("2021-07-22T22:24:15.328Z", "b"), row("2021-07-22T22:24:15.328Z", "c"), row("2021-07-22T22:24:16.000Z", "d"));
        assertEquals(List.of("c", "d"), ids(bitmex(published), second));
        String insert = "{\"table\":\"trade\",\"action\":\"insert\",\"data\":[" + row("2021-07-22T22:24:15.328Z", "a") + "]}";
        assertEquals(List.of("a"), ids(bitmex(published), insert), "only snapshot rows are dropped");
    }

    @Test
    void bitfinexTradesSnapshotAfterAReconnectKeepsOnlyNewerRows() throws Exception {
        PublishedTrades published = new PublishedTrades();
        String subscribed = "{\"event\":\"subscribed\",\"channel\":\"trades\",\"chanId\":17,\"symbol\":\"tBTCUSD\",\"pair\":\"BTCUSD\"}";
        FrameNormalizer first = bitfinex(published);
        first.normalize(subscribed, Instant.now());
        assertEquals(List.of("401", "400"), ids(first, "[17,[[401,1626992741000,0.5,32170],[400,1626992740000,-0.1,32169]]]"));
        assertEquals(List.of("402"), ids(first, "[17,\"te\",[402,1626992742000,0.2,32171]]"));
        FrameNormalizer second = bitfinex(published);
        second.normalize(subscribed, Instant.now());
        assertEquals(List.of("403"), ids(second,
                "[17,[[403,1626992743000,0.3,32172],[402,1626992742000,0.2,32171],[401,1626992741000,0.5,32170]]]"));
    }

    @Test
    void coinbaseLastMatchAfterAReconnectIsNotRepeated() throws Exception {
        PublishedTrades published = new PublishedTrades();
        String lastMatch = "{\"type\":\"last_match\",\"trade_id\":881613,\"side\":\"sell\",\"size\":\"0.04\",\"price\":\"14.7775\","
                + "\"product_id\":\"BAND-GBP\",\"sequence\":333938798,\"time\":\"2021-04-17T16:43:30.244075Z\"}";
        assertEquals(List.of("881613"), ids(coinbase(published), lastMatch));
        assertEquals(List.of(), ids(coinbase(published), lastMatch), "the reconnect's last_match was published");
        String newer = lastMatch.replace("881613", "881614").replace("30.244075Z", "31.000000Z");
        assertEquals(List.of("881614"), ids(coinbase(published), newer), "one traded while the feed was away");
    }

    private static FrameNormalizer coinbase(PublishedTrades published) {
        return new CoinbaseNormalizer(Instruments.of("coinbase", InstrumentLookup.NONE), published);
    }

    private static FrameNormalizer bitmex(PublishedTrades published) {
        return new BitmexNormalizer(Instruments.of("bitmex", InstrumentLookup.NONE), published);
    }

    private static FrameNormalizer bitfinex(PublishedTrades published) {
        return new BitfinexNormalizer(Instruments.of("bitfinex", InstrumentLookup.NONE), published);
    }

    private static String partial(String... rows) {
        return "{\"table\":\"trade\",\"action\":\"partial\",\"data\":[" + String.join(",", rows) + "]}";
    }

    private static String row(String ts, String id) {
        return "{\"timestamp\":\"" + ts + "\",\"symbol\":\"XBTUSD\",\"side\":\"Buy\",\"size\":100,\"price\":32170.5,\"trdMatchID\":\"" + id + "\"}";
    }

    private static List<String> ids(FrameNormalizer normalizer, String frame) throws Exception {
        List<EventRecord> records = normalizer.normalize(frame, Instant.now());
        List<String> ids = new java.util.ArrayList<>();
        for (EventRecord r : records) {
            ids.add(JSON.readTree(r.json()).get("tradeId").asText());
        }
        return ids;
    }
}
