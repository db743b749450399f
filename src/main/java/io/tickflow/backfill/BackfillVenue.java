package io.tickflow.backfill;

import java.time.Duration;
import java.util.Optional;

/**
 * An exchange a backfill can read: its candle source, its trade source where it has one, and its
 * rate limit, shared by every job on it (candles and trades alike).
 */
public final class BackfillVenue {

    private final CandleSource source;
    private final TradeSource trades;
    private final RateLimiter limiter;

    public BackfillVenue(CandleSource source, int permitsPerWindow, long windowMs) {
        this(source, null, permitsPerWindow, windowMs);
    }

    public BackfillVenue(CandleSource source, TradeSource trades, int permitsPerWindow, long windowMs) {
        if (trades != null && !trades.exchange().equals(source.exchange())) {
            throw new IllegalArgumentException("trades of " + trades.exchange() + " on the venue " + source.exchange());
        }
        this.source = source;
        this.trades = trades;
        this.limiter = new RateLimiter(permitsPerWindow, Duration.ofMillis(windowMs));
    }

    public String exchange() {
        return source.exchange();
    }

    public CandleSource source() {
        return source;
    }

    /** The trade history, for jobs of the interval {@value TradeSource#TRADES}; empty where the exchange has none here. */
    public Optional<TradeSource> trades() {
        return Optional.ofNullable(trades);
    }

    public RateLimiter limiter() {
        return limiter;
    }
}
