package io.tickflow.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The random walk behind the ticker simulator: on each step every ticker moves +1 or -1.
 * On its first step it resumes each ticker from its newest stored tick, or from 0.
 * Seeded randomness and an injectable clock make a run reproducible.
 */
public class RandomWalkSimulator {

    private static final Logger LOG = LoggerFactory.getLogger(RandomWalkSimulator.class);

    private List<String> names = List.of();
    private int count = 100;
    private long seed;
    private Clock clock = Clock.systemUTC();
    private LastTickValues lastTickValues;

    private List<String> tickers;
    private long[] values;
    private Random random;
    private Instant lastTime = Instant.EPOCH;

    /** One step of the walk: the new tick of every ticker, as events ready for Kafka. */
    public synchronized List<Map<String, Object>> step() {
        if (values == null) {
            resume();
        }
        // strictly increasing times, so a tick is never mistaken for a replay of an older one
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant time = now.isAfter(lastTime) ? now : lastTime.plus(1, ChronoUnit.MICROS);
        lastTime = time;
        List<Map<String, Object>> events = new ArrayList<>(tickers.size());
        for (int i = 0; i < tickers.size(); i++) {
            values[i] += random.nextBoolean() ? 1 : -1;
            events.add(new Tick(tickers.get(i), values[i], time).toEvent());
        }
        return events;
    }

    private void resume() {
        tickers = names();
        Map<String, Tick> last = lastTickValues == null ? Map.of() : lastTickValues.load(tickers);
        values = new long[tickers.size()];
        for (int i = 0; i < tickers.size(); i++) {
            Tick tick = last.get(tickers.get(i));
            if (tick != null) {
                values[i] = tick.value();
                lastTime = tick.time().isAfter(lastTime) ? tick.time() : lastTime;
            }
        }
        random = seed == 0 ? new Random() : new Random(seed);
        LOG.info("Ticker simulator resumes {} tickers ({} from stored values)", tickers.size(), last.size());
    }

    /** The configured ticker names, or ticker_00 .. ticker_NN from the count. */
    public List<String> names() {
        if (!names.isEmpty()) {
            return names;
        }
        int width = Math.max(2, String.valueOf(count - 1).length());
        return IntStream.range(0, count).mapToObj(i -> String.format("ticker_%0" + width + "d", i)).toList();
    }

    public void setNames(String csv) {
        this.names = csv == null ? List.of()
                : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public void setCount(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("tickflow.simulator.count must be at least 1, was " + count);
        }
        this.count = count;
    }

    public void setSeed(long seed) {
        this.seed = seed;
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }

    public void setLastTickValues(LastTickValues lastTickValues) {
        this.lastTickValues = lastTickValues;
    }
}
