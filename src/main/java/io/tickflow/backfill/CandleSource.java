package io.tickflow.backfill;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One exchange's candle history over REST: the request of one page and the bars of its answer.
 * A page is the bars starting in [from, to), at most {@link #pageSize()} of them.
 */
public interface CandleSource {

    /** The exchange as events name it (binance, binance-usdm, bitmex, bitfinex). */
    String exchange();

    /** The intervals the exchange offers, spelled as the event contract does (1m, 1h, 1d). */
    Set<String> intervals();

    /** Bars one request returns at most. */
    int pageSize();

    /** How many of its most recent candles the exchange serves at most (Kraken: 720); empty: its whole history. */
    default OptionalInt mostRecent() {
        return OptionalInt.empty();
    }

    /** What one request costs in the exchange's rate limit (Binance: its weight; others: 1). */
    int weight();

    URI uri(String rawSymbol, String interval, Instant from, Instant to);

    /** The bars of an answer, oldest first; a body that is not the documented shape is an IllegalArgumentException. */
    List<Bar> parse(String body, String interval);
}
