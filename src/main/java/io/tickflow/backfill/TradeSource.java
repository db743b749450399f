package io.tickflow.backfill;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tickflow.instrument.InstrumentSpec;

/**
 * One exchange's trade history over REST. A page is a window of time (at most what one request
 * may span), fetched whole: a full answer is followed by the request for the rest of the window
 * (Binance: from the next trade id, BitMEX: from the next offset) until an answer is not full or
 * passes the window's end.
 */
public interface TradeSource {

    /** A job of this interval backfills trades instead of candles. */
    String TRADES = "trades";

    /** The exchange as events name it (binance, binance-usdm, bitmex). */
    String exchange();

    /** The span of one page. */
    Duration window();

    /** Trades one request returns at most. */
    int pageSize();

    /** What one request costs in the exchange's rate limit (Binance: its weight; others: 1). */
    int weight();

    /**
     * The request for the trades of [from, to) after those the window's earlier requests were
     * answered: answered rows in all, the last of them last (null before the first request).
     */
    URI uri(String rawSymbol, Instant from, Instant to, int answered, PastTrade last);

    /**
     * The trades of an answer in its order (oldest first), normalized as the exchange's live feed
     * normalizes its trades; a body that is not the documented shape, or a trade the feed would
     * refuse, is an IllegalArgumentException naming why.
     */
    List<PastTrade> parse(String body, InstrumentSpec spec, Instant receivedTs);
}
