package io.tickflow.simulator.market;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.event.EventTime;
import org.junit.jupiter.api.Test;

import static io.tickflow.simulator.market.SimulatorRuns.STEP;
import static io.tickflow.simulator.market.SimulatorRuns.T0;
import static io.tickflow.simulator.market.SimulatorRuns.decimal;
import static io.tickflow.simulator.market.SimulatorRuns.parse;
import static io.tickflow.simulator.market.SimulatorRuns.run;
import static io.tickflow.simulator.market.SimulatorRuns.simulator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator's 1-minute candles against the trades they are built from, on a seeded random and a stepped clock. */
class SimulatedCandlesTest {

    @Test
    void minuteCandlesAreTheOhlcvOfTheirTradesAndCloseWhenTheMinuteEnds() throws Exception {
        List<JsonNode> events = parse(run(simulator(13), Duration.ofMinutes(3)));
        Map<String, List<JsonNode>> tradesByCandle = events.stream().filter(e -> e.get("type").asText().equals("trade"))
                .collect(Collectors.groupingBy(e -> e.get("symbol").asText() + "@" + minute(e.get("ts").asText())));
        Map<String, JsonNode> closed = new HashMap<>();
        Map<String, Instant> lastUpdate = new HashMap<>();
        for (JsonNode candle : events.stream().filter(e -> e.get("type").asText().equals("candle")).toList()) {
            String key = candle.get("symbol").asText() + "@" + candle.get("ts").asText();
            Instant start = Instant.parse(candle.get("ts").asText());
            Instant received = Instant.parse(candle.get("receivedTs").asText());
            assertEquals("1m", candle.get("interval").asText());
            assertFalse(closed.containsKey(key), "one closed candle per minute: " + key);
            if (candle.get("closed").asBoolean()) {
                assertFalse(received.isBefore(start.plusSeconds(60)), "closed once its minute ended: " + candle);
                assertTrue(received.isBefore(start.plusSeconds(60).plus(STEP.multipliedBy(2))), "closed right after: " + candle);
                assertCandleOf(tradesByCandle.get(key), candle);
                closed.put(key, candle);
            } else {
                Instant previous = lastUpdate.put(key, received);
                assertTrue(previous == null || !received.isBefore(previous.plusSeconds(1)), "at most one update a second: " + candle);
                List<JsonNode> soFar = tradesByCandle.get(key).stream()
                        .filter(t -> !Instant.parse(t.get("ts").asText()).isAfter(received)).toList();
                assertCandleOf(soFar, candle);
            }
        }
        // every minute that ended and had trades has its closed candle
        Instant lastEnded = T0.plus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.MINUTES);
        Set<String> ended = tradesByCandle.keySet().stream()
                .filter(k -> Instant.parse(k.substring(k.indexOf('@') + 1)).isBefore(lastEnded)).collect(Collectors.toSet());
        assertEquals(ended, closed.keySet());
    }

    private static void assertCandleOf(List<JsonNode> trades, JsonNode candle) {
        assertFalse(trades == null || trades.isEmpty(), "trades behind " + candle);
        BigDecimal high = trades.stream().map(t -> decimal(t, "price")).max(BigDecimal::compareTo).orElseThrow();
        BigDecimal low = trades.stream().map(t -> decimal(t, "price")).min(BigDecimal::compareTo).orElseThrow();
        BigDecimal volume = trades.stream().map(t -> decimal(t, "amount")).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(decimal(trades.get(0), "price"), decimal(candle, "open"), candle.toString());
        assertEquals(decimal(trades.get(trades.size() - 1), "price"), decimal(candle, "close"), candle.toString());
        assertEquals(high, decimal(candle, "high"), candle.toString());
        assertEquals(low, decimal(candle, "low"), candle.toString());
        assertEquals(volume, decimal(candle, "volume"), candle.toString());
    }

    private static String minute(String ts) {
        return EventTime.format(Instant.parse(ts).truncatedTo(ChronoUnit.MINUTES));
    }
}
