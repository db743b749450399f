package io.tickflow.simulator.market;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.event.EventRecord;

/** Runs of the market simulator as its route steps it, on a test clock, and their events as JSON. */
final class SimulatorRuns {

    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456789Z");
    /** The route's timer period. */
    static final Duration STEP = Duration.ofMillis(100);

    private static final ObjectMapper JSON = new ObjectMapper();

    private SimulatorRuns() {
    }

    static MarketSimulator simulator(long seed) {
        MarketSimulator simulator = new MarketSimulator();
        simulator.setSeed(seed);
        return simulator;
    }

    static List<EventRecord> run(MarketSimulator simulator, Duration duration) {
        return run(simulator, T0, duration);
    }

    /** Steps the simulator every STEP on a clock from start, for this long; what it published. */
    static List<EventRecord> run(MarketSimulator simulator, Instant start, Duration duration) {
        SteppedClock clock = new SteppedClock(start);
        simulator.setClock(clock);
        List<EventRecord> records = new ArrayList<>(simulator.step());
        long steps = duration.dividedBy(STEP);
        for (long i = 0; i < steps; i++) {
            clock.advance(STEP);
            records.addAll(simulator.step());
        }
        return records;
    }

    static List<JsonNode> parse(List<EventRecord> records) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (EventRecord record : records) {
            events.add(JSON.readTree(record.json()));
        }
        return events;
    }

    static BigDecimal decimal(JsonNode event, String field) {
        return new BigDecimal(event.get(field).asText());
    }
}
