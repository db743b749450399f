package io.tickflow.simulator.market;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.tickflow.event.EventRecord;
import io.tickflow.event.MarketEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The market simulator: trades, quotes, liquidations and 1-minute candles of a few instruments
 * on the exchange "simulator", as the feeds' events. Trades and liquidations arrive as Poisson
 * processes at the configured rates, each on an instrument drawn by its share of the activity;
 * every step returns what happened since the previous one, with the times it happened at.
 * Each instrument's per-trade volatility follows from its hourly volatility and trade rate, so
 * the hourly moves stay realistic at any rate. Seeded randomness and an injectable clock make a
 * run reproducible.
 */
public class MarketSimulator {

    public static final String EXCHANGE = "simulator";

    private static final Logger LOG = LoggerFactory.getLogger(MarketSimulator.class);
    private static final Duration CANDLE_UPDATE_INTERVAL = Duration.ofSeconds(1);
    /** Steps that stalled longer than this (Kafka down, the JVM paused) skip the missed time instead of bursting it out. */
    private static final Duration MAX_BACKLOG = Duration.ofSeconds(5);
    private static final Duration RESUME_RETRY = Duration.ofSeconds(5);

    private final MarketEvents events = new MarketEvents(EXCHANGE);
    private List<MarketInstrument> specs = MarketInstrument.named("BTC-USDT,ETH-USDT,SOL-USDT,XRP-USDT,LINK-USDT");
    private double tradesPerSecond = 20;
    private double liquidationsPerMinute = 4;
    private long seed;
    private Clock clock = Clock.systemUTC();
    private LastSimulatedPrices lastPrices;

    private List<SimulatedInstrument> market;
    private double[] cumulativeShares;
    private Random random;
    private String tradeIdPrefix;
    private long trades;
    private Instant nextTrade;
    private Instant nextLiquidation;
    private Instant lastTs;
    private Instant nextStartAttempt = Instant.MIN;

    /** The events since the previous step, as they happened, then the candles due; the first step resumes the prices. */
    public synchronized List<EventRecord> step() {
        Instant now = clock.instant();
        if (market == null && !start(now)) {
            return List.of();
        }
        skipBacklog(now);
        Instant receivedTs = now.truncatedTo(ChronoUnit.MICROS);
        List<EventRecord> records = new ArrayList<>();
        while (!nextTrade.isAfter(now) || !nextLiquidation.isAfter(now)) {
            if (!nextTrade.isAfter(nextLiquidation)) {
                Instant ts = uniqueTs(nextTrade);
                records.addAll(pick().trade(random, ts, later(receivedTs, ts), tradeIdPrefix + ++trades));
                nextTrade = nextTrade.plus(interval(tradesPerSecond));
            } else {
                Instant ts = uniqueTs(nextLiquidation);
                records.add(pick().liquidation(random, ts, later(receivedTs, ts)));
                nextLiquidation = nextLiquidation.plus(interval(liquidationsPerMinute / 60));
            }
        }
        for (SimulatedInstrument instrument : market) {
            instrument.pollCandle(receivedTs).ifPresent(records::add);
        }
        return records;
    }

    private boolean start(Instant now) {
        if (now.isBefore(nextStartAttempt)) {
            return false;
        }
        List<String> symbols = specs.stream().map(MarketInstrument::symbol).toList();
        Map<String, BigDecimal> last;
        try {
            last = lastPrices == null ? Map.of() : lastPrices.load(EXCHANGE, symbols);
        } catch (RuntimeException e) {
            // a database still starting: try again shortly rather than start far from the stored prices
            LOG.warn("Market simulator waits {} s for its last prices: {}", RESUME_RETRY.toSeconds(), e.getMessage());
            nextStartAttempt = now.plus(RESUME_RETRY);
            return false;
        }
        random = seed == 0 ? new Random() : new Random(seed);
        double totalWeight = specs.stream().mapToDouble(MarketInstrument::weight).sum();
        List<SimulatedInstrument> instruments = new ArrayList<>();
        cumulativeShares = new double[specs.size()];
        double cumulative = 0;
        for (int i = 0; i < specs.size(); i++) {
            MarketInstrument spec = specs.get(i);
            double share = spec.weight() / totalWeight;
            cumulative += share;
            cumulativeShares[i] = cumulative;
            double sigma = spec.hourlyVolatility() / Math.sqrt(3600 * tradesPerSecond * share);
            instruments.add(new SimulatedInstrument(spec, last.getOrDefault(spec.symbol(), spec.startPrice()), sigma,
                    events, CANDLE_UPDATE_INTERVAL));
        }
        // the start time keeps trade ids unique across restarts: the sinks de-duplicate on them
        tradeIdPrefix = now.toEpochMilli() + "-";
        lastTs = now.truncatedTo(ChronoUnit.MICROS);
        nextTrade = now.plus(interval(tradesPerSecond));
        nextLiquidation = liquidationsPerMinute > 0 ? now.plus(interval(liquidationsPerMinute / 60)) : Instant.MAX;
        market = instruments;
        LOG.info("Market simulator starts {} instruments ({} resumed from stored prices), {} trades/s, {} liquidations/min",
                symbols.size(), last.size(), tradesPerSecond, liquidationsPerMinute);
        return true;
    }

    private void skipBacklog(Instant now) {
        Instant oldest = now.minus(MAX_BACKLOG);
        if (nextTrade.isBefore(oldest)) {
            LOG.info("Market simulator was not stepped for {} ms; its trades resume from now",
                    Duration.between(nextTrade, now).toMillis());
            nextTrade = now;
        }
        if (nextLiquidation.isBefore(oldest)) {
            nextLiquidation = now;
        }
    }

    private SimulatedInstrument pick() {
        double u = random.nextDouble();
        for (int i = 0; i < cumulativeShares.length - 1; i++) {
            if (u < cumulativeShares[i]) {
                return market.get(i);
            }
        }
        return market.get(market.size() - 1);
    }

    /** Time to the next arrival of a Poisson process of this rate per second. */
    private Duration interval(double ratePerSecond) {
        return Duration.ofNanos((long) (-Math.log(1 - random.nextDouble()) / ratePerSecond * 1e9));
    }

    /** Strictly increasing microseconds, so no two events of the simulator share a time. */
    private Instant uniqueTs(Instant time) {
        Instant micros = time.truncatedTo(ChronoUnit.MICROS);
        lastTs = micros.isAfter(lastTs) ? micros : lastTs.plus(1, ChronoUnit.MICROS);
        return lastTs;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    public void setSymbols(String csv) {
        this.specs = MarketInstrument.named(csv);
    }

    public void setTradesPerSecond(double tradesPerSecond) {
        if (!(tradesPerSecond > 0 && tradesPerSecond <= 10_000)) {
            throw new IllegalArgumentException(
                    "tickflow.market-simulator.trades-per-second must be above 0 and at most 10000, was " + tradesPerSecond);
        }
        this.tradesPerSecond = tradesPerSecond;
    }

    public void setLiquidationsPerMinute(double liquidationsPerMinute) {
        if (!(liquidationsPerMinute >= 0 && liquidationsPerMinute <= 60_000)) {
            throw new IllegalArgumentException(
                    "tickflow.market-simulator.liquidations-per-minute must be 0 to 60000, was " + liquidationsPerMinute);
        }
        this.liquidationsPerMinute = liquidationsPerMinute;
    }

    public void setSeed(long seed) {
        this.seed = seed;
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }

    public void setLastPrices(LastSimulatedPrices lastPrices) {
        this.lastPrices = lastPrices;
    }
}
