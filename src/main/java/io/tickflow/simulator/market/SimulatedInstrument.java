package io.tickflow.simulator.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import io.tickflow.event.EventRecord;
import io.tickflow.event.MarketEvents;
import io.tickflow.event.MarketEvents.Instrument;

/**
 * One instrument's simulated market. Its price lives on the tick grid (a count of ticks) and moves
 * at every trade by a log-return of sigma × a standard normal: a geometric random walk. A trade
 * that moves the price up was a buy (the taker lifted the ask), down a sell; the quote after it
 * has the trade on its side of a spread of a few ticks. Liquidations fill a few ticks beyond the
 * market, larger than trades.
 */
final class SimulatedInstrument {

    /** Lowest price in ticks: far above the widest spread or liquidation offset, so every price stays positive. */
    static final long FLOOR_TICKS = 100;
    static final int MAX_SPREAD_TICKS = 3;
    static final int MAX_LIQUIDATION_OFFSET_TICKS = 10;

    private static final double TRADE_SIZE_DISPERSION = 1.0;
    private static final double QUOTE_SIZE_MULTIPLE = 4;
    private static final double LIQUIDATION_SIZE_MULTIPLE = 25;

    private final MarketInstrument spec;
    private final Instrument instrument;
    private final MarketEvents events;
    private final double sigma;
    private final MinuteCandle candle;
    private long ticks;

    /** sigma is the per-trade standard deviation of the log price. */
    SimulatedInstrument(MarketInstrument spec, BigDecimal startPrice, double sigma, MarketEvents events,
            Duration candleUpdateInterval) {
        this.spec = spec;
        // the simulator is its own exchange, and its own symbols are the normalized ones (as Coinbase's are)
        this.instrument = new Instrument(spec.symbol(), spec.symbol());
        this.events = events;
        this.sigma = sigma;
        this.candle = new MinuteCandle(instrument, events, candleUpdateInterval);
        this.ticks = Math.max(FLOOR_TICKS, startPrice.divide(spec.tickSize(), 0, RoundingMode.HALF_EVEN).longValueExact());
    }

    /** A trade at ts and the quote it leaves; the closed candle of the previous minute first, if it ends here. */
    List<EventRecord> trade(Random random, Instant ts, Instant receivedTs, String tradeId) {
        long before = ticks;
        ticks = Math.max(FLOOR_TICKS, Math.round(ticks * Math.exp(sigma * random.nextGaussian())));
        boolean buy = ticks != before ? ticks > before : random.nextBoolean();
        BigDecimal price = price(ticks);
        BigDecimal amount = spec.size(random, 1, TRADE_SIZE_DISPERSION);

        List<EventRecord> records = new ArrayList<>(3);
        candle.add(ts, price, amount, receivedTs).ifPresent(records::add);
        records.add(events.trade(instrument, ts, receivedTs, buy ? "buy" : "sell", price, amount, tradeId));
        long spread = 1 + random.nextInt(MAX_SPREAD_TICKS);
        long bid = buy ? ticks - spread : ticks;
        long ask = buy ? ticks : ticks + spread;
        records.add(events.quote(instrument, ts, receivedTs, price(bid), spec.size(random, QUOTE_SIZE_MULTIPLE, 1),
                price(ask), spec.size(random, QUOTE_SIZE_MULTIPLE, 1)));
        return records;
    }

    /** A forced order: a sell liquidates a long below the market, a buy a short above it. */
    EventRecord liquidation(Random random, Instant ts, Instant receivedTs) {
        boolean sell = random.nextBoolean();
        long offset = 1 + random.nextInt(MAX_LIQUIDATION_OFFSET_TICKS);
        BigDecimal price = price(sell ? ticks - offset : ticks + offset);
        return events.liquidation(instrument, ts, receivedTs, sell ? "sell" : "buy", price,
                spec.size(random, LIQUIDATION_SIZE_MULTIPLE, 1), "FILLED");
    }

    /** The candle closed at the end of its minute, or an update when one is due. */
    Optional<EventRecord> pollCandle(Instant now) {
        return candle.poll(now);
    }

    private BigDecimal price(long tickCount) {
        return spec.tickSize().multiply(BigDecimal.valueOf(tickCount));
    }
}
