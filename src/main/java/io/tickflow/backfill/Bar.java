package io.tickflow.backfill;

import java.math.BigDecimal;
import java.time.Instant;

import io.tickflow.event.MarketEvents.Candle;
import io.tickflow.venue.BadFrame;
import io.tickflow.venue.Decimals;

/**
 * One candle of an exchange's history: its interval's start, prices and volume in the base asset,
 * checked as the live feeds check theirs (prices positive, volume not negative, low <= high); a bar
 * that is not is an IllegalArgumentException naming why, so its page fails with the reason.
 */
public record Bar(Instant start, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {

    public Bar {
        try {
            Decimals.candle(open, high, low, close, volume);
        } catch (BadFrame e) {
            throw new IllegalArgumentException("the candle at " + start + ": " + e.getMessage());
        }
    }

    Candle candle() {
        return new Candle(open, high, low, close, volume);
    }
}
