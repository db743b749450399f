package io.tickflow.backfill;

/** An exchange a backfill can read: its candle source and its rate limit, shared by every job on it. */
public record BackfillVenue(CandleSource source, RateLimiter limiter) {

    public BackfillVenue(CandleSource source, int permitsPerWindow, long windowMs) {
        this(source, new RateLimiter(permitsPerWindow, java.time.Duration.ofMillis(windowMs)));
    }

    public String exchange() {
        return source.exchange();
    }
}
