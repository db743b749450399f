package io.tickflow.simulator.market;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.tickflow.event.EventRecord;
import io.tickflow.event.MarketEvents;
import io.tickflow.event.MarketEvents.Candle;
import io.tickflow.event.MarketEvents.Instrument;

/**
 * The open 1-minute candle of one instrument, built from its trades and published as a kline
 * feed does: updates (closed false) at most once per update interval, then the final candle
 * (closed true) once its minute has ended. Every publication of a minute has the same ts (the
 * minute's start), so the candles table's dedup key makes the last one replace the others.
 * A minute without trades has no candle.
 */
final class MinuteCandle {

    static final String INTERVAL = "1m";
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Instrument instrument;
    private final MarketEvents events;
    private final Duration updateInterval;

    private Instant start;
    private BigDecimal open;
    private BigDecimal high;
    private BigDecimal low;
    private BigDecimal close;
    private BigDecimal volume;
    private boolean unpublished;
    private Instant lastUpdate = Instant.EPOCH;

    MinuteCandle(Instrument instrument, MarketEvents events, Duration updateInterval) {
        this.instrument = instrument;
        this.events = events;
        this.updateInterval = updateInterval;
    }

    /** Adds a trade; when it falls in a later minute, first returns the open candle, closed. */
    Optional<EventRecord> add(Instant ts, BigDecimal price, BigDecimal amount, Instant now) {
        Optional<EventRecord> closed = Optional.empty();
        Instant minute = ts.truncatedTo(ChronoUnit.MINUTES);
        if (start != null && minute.isAfter(start)) {
            closed = Optional.of(close(now));
        }
        if (start == null) {
            start = minute;
            open = price;
            high = price;
            low = price;
            volume = BigDecimal.ZERO;
        }
        high = high.max(price);
        low = low.min(price);
        close = price;
        volume = volume.add(amount);
        unpublished = true;
        return closed;
    }

    /** The candle, closed, once its minute has ended by now; else an update when one is due. */
    Optional<EventRecord> poll(Instant now) {
        if (start == null) {
            return Optional.empty();
        }
        if (!now.isBefore(start.plus(MINUTE))) {
            return Optional.of(close(now));
        }
        if (unpublished && !now.isBefore(lastUpdate.plus(updateInterval))) {
            unpublished = false;
            lastUpdate = now;
            return Optional.of(event(now, false));
        }
        return Optional.empty();
    }

    private EventRecord close(Instant now) {
        EventRecord closed = event(now, true);
        start = null;
        unpublished = false;
        return closed;
    }

    private EventRecord event(Instant now, boolean closed) {
        return events.candle(instrument, start, now, INTERVAL, new Candle(open, high, low, close, volume), closed);
    }
}
