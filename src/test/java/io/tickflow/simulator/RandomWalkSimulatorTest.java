package io.tickflow.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomWalkSimulatorTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456789Z");

    @Test
    void defaultNamesAreTicker00ToTicker99() {
        List<String> names = new RandomWalkSimulator().names();
        assertEquals(100, names.size());
        assertEquals("ticker_00", names.get(0));
        assertEquals("ticker_99", names.get(99));
    }

    @Test
    void configuredNamesAndCountsAreUsed() {
        RandomWalkSimulator simulator = new RandomWalkSimulator();
        simulator.setCount(120);
        assertEquals("ticker_119", simulator.names().get(119));
        assertEquals("ticker_000", simulator.names().get(0));
        simulator.setNames(" btc , eth ");
        assertEquals(List.of("btc", "eth"), simulator.names());
        assertThrows(IllegalArgumentException.class, () -> simulator.setCount(0));
    }

    @Test
    void sameSeedGivesTheSameWalkAndEachStepMovesByOne() {
        List<List<Map<String, Object>>> first = walk(7, 50);
        assertEquals(first, walk(7, 50));
        assertNotEquals(first, walk(8, 50));
        for (int step = 0; step < first.size(); step++) {
            for (int i = 0; i < 3; i++) {
                long before = step == 0 ? 0 : (Long) first.get(step - 1).get(i).get("value");
                long now = (Long) first.get(step).get(i).get("value");
                assertEquals(1, Math.abs(now - before));
            }
        }
    }

    @Test
    void eventsCarryNameValueAndMicrosecondUtcTime() {
        Map<String, Object> event = walk(1, 1).get(0).get(0);
        assertEquals(List.of("name", "value", "time"), List.copyOf(event.keySet()));
        assertEquals("ticker_00", event.get("name"));
        assertEquals("2026-01-02T03:04:05.123456Z", event.get("time"));
    }

    @Test
    void resumesFromLastValuesAndNeverRepeatsAStoredTime() {
        Instant storedTime = T0.plusSeconds(60);
        RandomWalkSimulator simulator = simulator(3);
        simulator.setLastTickValues(new LastTickValues() {
            @Override
            public Map<String, Tick> load(Collection<String> names) {
                return Map.of("ticker_01", new Tick("ticker_01", 40, storedTime));
            }
        });
        List<Map<String, Object>> step = simulator.step();
        assertEquals(1, Math.abs((Long) step.get(0).get("value")));
        assertTrue(Math.abs((Long) step.get(1).get("value") - 40) == 1);
        // the fixed clock is behind the stored tick: time still moves forward
        assertTrue(Instant.parse((String) step.get(0).get("time")).isAfter(storedTime));
        assertTrue(Instant.parse((String) simulator.step().get(0).get("time"))
                .isAfter(Instant.parse((String) step.get(0).get("time"))));
    }

    private static List<List<Map<String, Object>>> walk(long seed, int steps) {
        RandomWalkSimulator simulator = simulator(seed);
        simulator.setCount(3);
        return java.util.stream.IntStream.range(0, steps).mapToObj(i -> simulator.step()).toList();
    }

    private static RandomWalkSimulator simulator(long seed) {
        RandomWalkSimulator simulator = new RandomWalkSimulator();
        simulator.setSeed(seed);
        simulator.setCount(3);
        simulator.setClock(Clock.fixed(T0, ZoneOffset.UTC));
        return simulator;
    }
}
