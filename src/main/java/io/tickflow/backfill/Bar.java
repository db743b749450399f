package io.tickflow.backfill;

import java.math.BigDecimal;
import java.time.Instant;

/** One candle of an exchange's history: its interval's start, prices and volume in the base asset. */
public record Bar(Instant start, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {
}
