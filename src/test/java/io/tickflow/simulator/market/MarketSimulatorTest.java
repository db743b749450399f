package io.tickflow.simulator.market;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.event.EventParser;
import io.tickflow.event.EventType;
import io.tickflow.event.EventRecord;
import org.junit.jupiter.api.Test;

import static io.tickflow.simulator.market.SimulatorRuns.STEP;
import static io.tickflow.simulator.market.SimulatorRuns.T0;
import static io.tickflow.simulator.market.SimulatorRuns.decimal;
import static io.tickflow.simulator.market.SimulatorRuns.parse;
import static io.tickflow.simulator.market.SimulatorRuns.run;
import static io.tickflow.simulator.market.SimulatorRuns.simulator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The market simulator's events, prices, rates and ids on a seeded random and a stepped clock (candles: SimulatedCandlesTest). */
class MarketSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, BigDecimal> TICKS = Map.of("BTC-USDT", new BigDecimal("0.1"),
            "ETH-USDT", new BigDecimal("0.01"), "SOL-USDT", new BigDecimal("0.01"),
            "XRP-USDT", new BigDecimal("0.0001"), "LINK-USDT", new BigDecimal("0.001"));
    private static final Map<String, BigDecimal> START = Map.of("BTC-USDT", new BigDecimal("90000"),
            "ETH-USDT", new BigDecimal("3000"), "SOL-USDT", new BigDecimal("150"),
            "XRP-USDT", new BigDecimal("2"), "LINK-USDT", new BigDecimal("15"));

    @Test
    void sameSeedGivesTheSameMarket() {
        List<EventRecord> first = run(simulator(7), Duration.ofSeconds(30));
        assertEquals(first, run(simulator(7), Duration.ofSeconds(30)));
        assertNotEquals(first, run(simulator(8), Duration.ofSeconds(30)));
    }

    @Test
    void everyEventHasTheFeedsShapeAndTheSinksAcceptIt() throws Exception {
        List<EventRecord> records = run(simulator(1), Duration.ofMinutes(3));
        Map<String, List<String>> fields = Map.of(
                "trade", List.of("type", "exchange", "symbol", "rawSymbol", "ts", "receivedTs", "side", "price", "amount", "tradeId"),
                "quote", List.of("type", "exchange", "symbol", "rawSymbol", "ts", "receivedTs", "bidPrice", "bidSize", "askPrice", "askSize"),
                "liquidation", List.of("type", "exchange", "symbol", "rawSymbol", "ts", "receivedTs", "side", "price", "amount", "orderStatus"),
                "candle", List.of("type", "exchange", "symbol", "rawSymbol", "ts", "receivedTs", "interval", "open", "high", "low", "close", "volume", "closed"));
        Set<String> types = new HashSet<>();
        for (EventRecord record : records) {
            JsonNode event = JSON.readTree(record.json());
            types.add(record.type());
            assertEquals(record.type(), event.get("type").asText());
            assertEquals(fields.get(record.type()), names(event), record.json());
            assertEquals("simulator", event.get("exchange").asText());
            assertEquals(event.get("symbol").asText(), event.get("rawSymbol").asText());
            assertEquals("simulator:" + event.get("symbol").asText(), record.key());
            for (String field : fields.get(record.type())) {
                if (!field.equals("closed")) {
                    assertTrue(event.get(field).isTextual(), field + " is a string, decimals exact: " + record.json());
                }
            }
            assertTrue(event.get("ts").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"), record.json());
            assertFalse(Instant.parse(event.get("receivedTs").asText()).isBefore(Instant.parse(event.get("ts").asText())), record.json());
            assertEquals(EventType.fromWire(record.type()).orElseThrow(),
                    EventParser.parse(record.json().getBytes(StandardCharsets.UTF_8)).type(), "the sinks' parser accepts " + record.json());
        }
        assertEquals(Set.of("trade", "quote", "liquidation", "candle"), types);
    }

    @Test
    void pricesStayPositiveOnTheirTickAndQuotesStraddleTheTrade() throws Exception {
        List<JsonNode> events = parse(run(simulator(3), Duration.ofMinutes(3)));
        JsonNode lastTrade = null;
        for (JsonNode e : events) {
            String symbol = e.get("symbol").asText();
            switch (e.get("type").asText()) {
                case "trade" -> {
                    assertOnTick(symbol, e, "price");
                    assertTrue(decimal(e, "amount").signum() > 0, e.toString());
                    lastTrade = e;
                }
                case "quote" -> {
                    assertOnTick(symbol, e, "bidPrice");
                    assertOnTick(symbol, e, "askPrice");
                    assertTrue(decimal(e, "bidPrice").compareTo(decimal(e, "askPrice")) < 0, "bid below ask: " + e);
                    assertTrue(decimal(e, "bidSize").signum() > 0 && decimal(e, "askSize").signum() > 0, e.toString());
                    // the quote follows its trade, which was at the ask (a buy) or at the bid (a sell)
                    assertEquals(lastTrade.get("ts"), e.get("ts"));
                    assertEquals(lastTrade.get("symbol"), e.get("symbol"));
                    String side = lastTrade.get("side").asText();
                    assertEquals(0, decimal(lastTrade, "price").compareTo(decimal(e, side.equals("buy") ? "askPrice" : "bidPrice")), e.toString());
                }
                case "liquidation" -> assertOnTick(symbol, e, "price");
                default -> {
                }
            }
        }
    }

    @Test
    void pricesStartNearRealLevelsAndWalkRealistically() throws Exception {
        Map<String, List<BigDecimal>> prices = new HashMap<>();
        for (JsonNode e : parse(run(simulator(5), Duration.ofMinutes(5)))) {
            if (e.get("type").asText().equals("trade")) {
                prices.computeIfAbsent(e.get("symbol").asText(), s -> new ArrayList<>()).add(decimal(e, "price"));
            }
        }
        assertEquals(START.keySet(), prices.keySet());
        prices.forEach((symbol, walk) -> {
            double start = START.get(symbol).doubleValue();
            for (BigDecimal price : walk) {
                // five minutes at an hourly volatility of at most 1%: well within 5%
                assertTrue(Math.abs(price.doubleValue() / start - 1) < 0.05, symbol + " at " + price);
            }
            long moves = 0;
            for (int i = 1; i < walk.size(); i++) {
                double step = Math.abs(Math.log(walk.get(i).doubleValue() / walk.get(i - 1).doubleValue()));
                assertTrue(step < 0.002, symbol + " jumped by " + step + " in one trade");
                moves += walk.get(i).compareTo(walk.get(i - 1)) != 0 ? 1 : 0;
            }
            assertTrue(moves > walk.size() / 2, symbol + " moves at most trades");
        });
    }

    @Test
    void tradesAndLiquidationsArriveAtTheConfiguredRates() throws Exception {
        MarketSimulator simulator = simulator(11);
        simulator.setTradesPerSecond(20);
        simulator.setLiquidationsPerMinute(4);
        List<JsonNode> events = parse(run(simulator, Duration.ofMinutes(5)));
        long trades = events.stream().filter(e -> e.get("type").asText().equals("trade")).count();
        List<JsonNode> liquidations = events.stream().filter(e -> e.get("type").asText().equals("liquidation")).toList();
        assertTrue(Math.abs(trades - 6_000) < 6_000 * 0.05, trades + " trades in 5 minutes at 20/s");
        assertTrue(liquidations.size() >= 8 && liquidations.size() <= 35, liquidations.size() + " liquidations in 5 minutes at 4/min");
        Map<String, Double> medianTrade = medianAmount(events, "trade");
        Map<String, Double> medianLiquidation = medianAmount(events, "liquidation");
        medianLiquidation.forEach((symbol, median) ->
                assertTrue(median > 5 * medianTrade.get(symbol), symbol + " liquidations are larger than trades"));
    }

    @Test
    void tradeIdsAreUniqueAndARestartDoesNotReuseThem() throws Exception {
        List<String> ids = tradeIds(run(simulator(17), Duration.ofMinutes(1)));
        List<String> afterRestart = tradeIds(run(simulator(17), T0.plusSeconds(61), Duration.ofMinutes(1)));
        assertEquals(ids.size(), new HashSet<>(ids).size(), "unique within a run");
        Set<String> both = new HashSet<>(ids);
        both.retainAll(afterRestart);
        assertEquals(Set.of(), both, "a restarted simulator reuses no id");
    }

    @Test
    void tradeAndLiquidationTimesIncreaseStrictly() throws Exception {
        Instant previous = Instant.MIN;
        for (JsonNode e : parse(run(simulator(19), Duration.ofMinutes(2)))) {
            String type = e.get("type").asText();
            if (type.equals("trade") || type.equals("liquidation")) {
                Instant ts = Instant.parse(e.get("ts").asText());
                assertTrue(ts.isAfter(previous), "times increase: " + e);
                previous = ts;
            }
        }
    }

    @Test
    void pricesResumeFromTheLastStoredOnes() throws Exception {
        MarketSimulator simulator = simulator(23);
        simulator.setSymbols("BTC-USDT");
        simulator.setLastPrices(new LastSimulatedPrices() {
            @Override
            public Map<String, BigDecimal> load(String exchange, Collection<String> symbols) {
                assertEquals("simulator", exchange);
                return Map.of("BTC-USDT", new BigDecimal("97000.05"));
            }
        });
        JsonNode first = parse(run(simulator, Duration.ofSeconds(5))).stream()
                .filter(e -> e.get("type").asText().equals("trade")).findFirst().orElseThrow();
        assertTrue(Math.abs(decimal(first, "price").doubleValue() / 97000.05 - 1) < 0.001, "resumed near 97000.05: " + first);
    }

    @Test
    void aFailedResumeIsRetriedAfterFiveSecondsWithoutEvents() {
        SteppedClock clock = new SteppedClock(T0);
        MarketSimulator simulator = simulator(29);
        simulator.setClock(clock);
        int[] calls = {0};
        simulator.setLastPrices(new LastSimulatedPrices() {
            @Override
            public Map<String, BigDecimal> load(String exchange, Collection<String> symbols) {
                if (++calls[0] == 1) {
                    throw new IllegalStateException("PostgreSQL is starting");
                }
                return Map.of();
            }
        });
        for (int i = 0; i < 49; i++) {
            assertEquals(List.of(), simulator.step());
            clock.advance(STEP);
        }
        assertEquals(1, calls[0], "no retry within 5 s");
        clock.advance(STEP);
        simulator.step();
        assertEquals(2, calls[0]);
        clock.advance(Duration.ofSeconds(1));
        assertFalse(simulator.step().isEmpty(), "runs once resumed");
    }

    @Test
    void unknownSymbolsAndImpossibleRatesAreRefused() {
        MarketSimulator simulator = new MarketSimulator();
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> simulator.setSymbols("BTC-USDT,DOGE-USDT"));
        assertTrue(unknown.getMessage().contains("DOGE-USDT") && unknown.getMessage().contains("LINK-USDT"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> simulator.setSymbols(" , "));
        assertThrows(IllegalArgumentException.class, () -> simulator.setTradesPerSecond(0));
        assertThrows(IllegalArgumentException.class, () -> simulator.setLiquidationsPerMinute(-1));
    }

    private static void assertOnTick(String symbol, JsonNode event, String field) {
        BigDecimal value = decimal(event, field);
        assertTrue(value.signum() > 0, field + " positive: " + event);
        assertEquals(0, value.remainder(TICKS.get(symbol)).signum(), field + " on the tick of " + symbol + ": " + event);
    }

    private static Map<String, Double> medianAmount(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.get("type").asText().equals(type)).collect(Collectors.groupingBy(
                e -> e.get("symbol").asText(), Collectors.collectingAndThen(Collectors.toList(), list -> {
                    List<Double> sizes = list.stream().map(e -> decimal(e, "amount").doubleValue()).sorted().toList();
                    return sizes.get(sizes.size() / 2);
                })));
    }

    private static List<String> tradeIds(List<EventRecord> records) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode e : parse(records)) {
            if (e.get("type").asText().equals("trade")) {
                ids.add(e.get("tradeId").asText());
            }
        }
        return ids;
    }

    private static List<String> names(JsonNode event) {
        List<String> names = new ArrayList<>();
        event.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
