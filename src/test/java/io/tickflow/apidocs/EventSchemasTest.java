package io.tickflow.apidocs;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.tickflow.event.DeadLetter;
import io.tickflow.event.EventField;
import io.tickflow.event.EventRecord;
import io.tickflow.event.EventType;
import io.tickflow.event.MarketEvents;
import io.tickflow.feed.DeadLettering;
import io.tickflow.feed.FixtureReplay;
import io.tickflow.feed.ReplayServer;
import io.tickflow.simulator.RandomWalkSimulator;
import io.tickflow.simulator.Tick;
import io.tickflow.simulator.market.MarketSimulator;
import io.tickflow.venue.BinanceNormalizer;
import io.tickflow.venue.FrameNormalizer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event schemas of resources/schemas/ (shared by the OpenAPI webhooks and the AsyncAPI Kafka
 * and stream messages) against the events every source writes: the feeds' normalizers on every
 * recorded exchange fixture, their dead letters and gaps, the sinks' dead letters, the ticker and
 * market simulators; and against the event contract itself (EventType). The stream's frames and
 * the webhook requests of a running Tickflow are checked by AsyncApiDocumentIT and
 * OpenApiDocumentIT, against these same schemas. Also the repository's AsyncAPI file against the
 * AsyncAPI 3.0.0 JSON Schema.
 */
class EventSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    /** Compiled once: the tests validate thousands of events. */
    private static final Map<String, JsonSchema> SCHEMAS = new HashMap<>();
    private static final Instant TS = Instant.parse("2026-11-25T20:22:34.965088Z");
    private static final Instant RECEIVED = Instant.parse("2026-11-25T20:22:35Z");
    private static final MarketEvents.Instrument BTC = new MarketEvents.Instrument("BTCUSDT", "BTC-USDT");
    private static final Map<String, EventType> CONTRACT = Map.of("tick", EventType.TICK, "trade", EventType.TRADE,
            "quote", EventType.QUOTE, "liquidation", EventType.LIQUIDATION, "candle", EventType.CANDLE);

    @Test
    void theEventsTickflowWritesAreValidByTheirSchemas() throws Exception {
        MarketEvents binance = new MarketEvents("binance-usdm");
        assertValid("tick", JSON.valueToTree(new Tick("ticker_07", -3, TS).toEvent()));
        assertValid("trade", binance.trade(BTC, TS, RECEIVED, "buy", new BigDecimal("90123.40"), new BigDecimal("0.015"), "77"));
        assertValid("quote", binance.quote(BTC, TS, RECEIVED, new BigDecimal("1.5"), null, new BigDecimal("1.6"), new BigDecimal("0")));
        assertValid("liquidation", binance.liquidation(BTC, TS, RECEIVED, "sell", new BigDecimal("2990.12"), new BigDecimal("12.5"),
                "FILLED"));
        assertValid("candle", binance.candle(BTC, TS, RECEIVED, "1m", new MarketEvents.Candle(new BigDecimal("1"),
                new BigDecimal("2.50"), new BigDecimal("0.9"), new BigDecimal("2"), BigDecimal.ZERO), true));
        assertValid("gap", MarketEvents.gap("binance-usdm-aggtrade", "binance-usdm", TS, RECEIVED, "no data for 30 s", 2));
        assertValid("deadletter", DeadLetter.ofFrame("kraken-trade", "{\"bad\"", "not JSON", RECEIVED).toRecord());
        assertValid("deadletter", JSON.valueToTree(DeadLetter.ofRecord("questdb-sink", "field 'price' must be a decimal number",
                "market.trades", 1, 42L, "binance:BTC-USDT", "{\"price\":\"abc\"}".getBytes(StandardCharsets.UTF_8)).toEvent()));
        assertValid("deadletter", JSON.valueToTree(DeadLetter.ofRecord("postgres-sink", "empty message", "tickers", 0, 7L,
                null, null).toEvent()));
    }

    @Test
    void everyEventOfEveryRecordedExchangeIsValidByItsSchema() throws Exception {
        Map<String, Integer> byType = new TreeMap<>();
        for (Map.Entry<String, Supplier<FrameNormalizer>> fixture : FixtureReplay.FIXTURES.entrySet()) {
            FixtureReplay replay = FixtureReplay.of(fixture.getKey(), fixture.getValue().get());
            assertFalse(replay.events.isEmpty(), fixture.getKey() + " has events");
            for (JsonNode event : replay.events) {
                assertValid(event.get("type").asText(), event);
                byType.merge(event.get("type").asText(), 1, Integer::sum);
            }
        }
        assertEquals(Set.of("trade", "quote", "liquidation", "candle"), byType.keySet(), byType.toString());
    }

    @Test
    void theFeedsDeadLettersAreValidByTheirSchema() throws Exception {
        DeadLettering deadLettering = new DeadLettering("binance-usdm-aggtrade");
        List<EventRecord> letters = new ArrayList<>();
        for (String frame : ReplayServer.fixture("synthetic/binance_usdm_bad_frames.jsonl")) {
            letters.addAll(deadLettering.normalize(new BinanceNormalizer("binance-usdm"), frame, RECEIVED));
        }
        letters.addAll(deadLettering.normalize(new BinanceNormalizer("binance-usdm"), null, RECEIVED));
        assertEquals(7, deadLettering.count());
        for (EventRecord letter : letters.stream().filter(r -> r.type().equals("deadletter")).toList()) {
            assertValid("deadletter", letter);
            assertTrue(JSON.readTree(letter.json()).has("payload"), "the frame is the payload: " + letter.json());
        }
    }

    @Test
    void theSimulatorsEventsAreValidByTheirSchemas() throws Exception {
        RandomWalkSimulator tickers = new RandomWalkSimulator();
        tickers.setCount(5);
        for (int i = 0; i < 3; i++) {
            for (Map<String, Object> tick : tickers.step()) {
                assertValid("tick", JSON.valueToTree(tick));
            }
        }
        MarketSimulator market = new MarketSimulator();
        market.setSeed(15);
        market.setLiquidationsPerMinute(60);
        Instant[] now = {Instant.parse("2026-11-25T20:22:34.123456789Z")};
        market.setClock(new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        });
        Map<String, Integer> byType = new TreeMap<>();
        for (int step = 0; step < 1500; step++) {
            for (EventRecord record : market.step()) {
                assertValid(record.type(), record);
                byType.merge(record.type(), 1, Integer::sum);
            }
            now[0] = now[0].plusMillis(100);
        }
        assertEquals(Set.of("trade", "quote", "liquidation", "candle"), byType.keySet(), byType.toString());
    }

    @Test
    void theExamplesOfDocsEventsMdAreValidAndCoverEveryType() throws Exception {
        Matcher block = Pattern.compile("```json\n(.*?)\n```", Pattern.DOTALL).matcher(Files.readString(Path.of("docs/events.md")));
        Set<String> types = new HashSet<>();
        while (block.find()) {
            JsonNode example = JSON.readTree(block.group(1));
            String type = example.path("type").asText("tick");
            assertValid(type, example);
            types.add(type);
        }
        assertEquals(Set.of("tick", "trade", "quote", "liquidation", "candle", "gap", "deadletter"), types);
    }

    @Test
    void theWebhookFiltersCompareTheContractsNumericFields() throws Exception {
        JsonNode base;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi-base.json")) {
            base = JSON.readTree(in);
        }
        Set<String> documented = new HashSet<>();
        base.at("/components/schemas/Filters/properties/conditions/items/properties/field/enum")
                .forEach(field -> documented.add(field.asText()));
        assertEquals(EventType.numericFields(), documented);
    }

    @Test
    void eventsOutsideTheContractAreNot() throws Exception {
        ObjectNode trade = (ObjectNode) JSON.readTree(new MarketEvents("binance").trade(BTC, TS, RECEIVED, "buy",
                BigDecimal.ONE, BigDecimal.ONE, "1").json());
        assertInvalid("trade", trade.deepCopy().put("price", 1.5), "price as a JSON number");
        assertInvalid("trade", trade.deepCopy().put("price", "0.000"), "a price of zero");
        assertInvalid("trade", trade.deepCopy().put("side", "long"), "an unknown side");
        assertInvalid("trade", trade.deepCopy().put("ts", "2026-11-25T20:22:34Z"), "a time without microseconds");
        assertInvalid("trade", trade.deepCopy().put("extra", 1), "an undocumented field");
        ObjectNode noId = trade.deepCopy();
        noId.remove("tradeId");
        assertInvalid("trade", noId, "no tradeId");
        assertInvalid("quote", trade, "a trade");
    }

    @Test
    void theSchemasHaveEveryFieldOfTheSinksContract() throws Exception {
        for (Map.Entry<String, EventType> entry : CONTRACT.entrySet()) {
            JsonNode schema = schema(entry.getKey());
            Set<String> required = new HashSet<>();
            schema.get("required").forEach(name -> required.add(name.asText()));
            assertTrue(schema.at("/properties").has(entry.getValue().timeField()), entry.getKey() + " time field");
            assertTrue(required.contains(entry.getValue().timeField()), entry.getKey() + " time field required");
            Set<String> properties = new HashSet<>();
            schema.get("properties").fieldNames().forEachRemaining(properties::add);
            properties.remove("type");
            Set<String> fields = new HashSet<>();
            for (EventField field : entry.getValue().wireFields()) {
                fields.add(field.json());
                assertTrue(!field.required() || required.contains(field.json()), entry.getKey() + "." + field.json() + " required");
                JsonNode kind = schema.at("/properties/" + field.json() + "/type");
                String expected = switch (field.kind()) {
                    case LONG -> "integer";
                    case BOOLEAN -> "boolean";
                    default -> "string";
                };
                assertTrue(kind.asText().equals(expected) || kind.toString().contains("\"" + expected + "\""),
                        entry.getKey() + "." + field.json() + " is a " + expected + " (" + field.kind() + "): " + kind);
            }
            assertEquals(fields, properties, entry.getKey() + ": the schema's fields are the contract's");
        }
    }

    @Test
    void eachSchemaIsValidJsonSchemaAndItsExamplesFollowIt() throws Exception {
        for (String type : List.of("tick", "trade", "quote", "liquidation", "candle", "gap", "deadletter")) {
            JsonNode schema = schema(type);
            for (Map.Entry<SpecVersion.VersionFlag, String> meta : Map.of(SpecVersion.VersionFlag.V7,
                    "http://json-schema.org/draft-07/schema", SpecVersion.VersionFlag.V202012,
                    "https://json-schema.org/draft/2020-12/schema").entrySet()) {
                JsonSchema metaSchema = JsonSchemaFactory.getInstance(meta.getKey()).getSchema(SchemaLocation.of(meta.getValue()));
                assertEquals(Set.of(), metaSchema.validate(schema), type + " as a " + meta.getKey() + " schema");
            }
            assertFalse(schema.path("examples").isEmpty(), type + " has an example");
            for (JsonNode example : schema.get("examples")) {
                assertValid(type, example);
            }
        }
    }

    @Test
    void theRepositoryAsyncApiFileIsValidAsyncApi300() throws Exception {
        JsonNode document;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("asyncapi.json")) {
            document = JSON.readTree(in);
        }
        assertEquals(List.of(), AsyncApiSchema.problems(document));
    }

    private static void assertValid(String type, EventRecord record) throws Exception {
        assertEquals(type, record.type());
        assertValid(type, JSON.readTree(record.json()));
    }

    private static void assertValid(String type, JsonNode event) throws Exception {
        for (SpecVersion.VersionFlag version : List.of(SpecVersion.VersionFlag.V7, SpecVersion.VersionFlag.V202012)) {
            assertEquals(Set.of(), validate(type, event, version), type + " by " + version + ": " + event);
        }
    }

    private static void assertInvalid(String type, JsonNode event, String why) throws Exception {
        assertFalse(validate(type, event, SpecVersion.VersionFlag.V202012).isEmpty(), type + " with " + why + " is invalid: " + event);
    }

    private static Set<ValidationMessage> validate(String type, JsonNode event, SpecVersion.VersionFlag version) throws Exception {
        JsonSchema schema = SCHEMAS.get(type + " " + version);
        if (schema == null) {
            schema = JsonSchemaFactory.getInstance(version).getSchema(schema(type), CONFIG);
            SCHEMAS.put(type + " " + version, schema);
        }
        return schema.validate(event);
    }

    private static JsonNode schema(String type) throws Exception {
        try (InputStream in = EventSchemasTest.class.getClassLoader().getResourceAsStream("schemas/" + type + ".json")) {
            assertTrue(in != null, "schemas/" + type + ".json");
            return JSON.readTree(in);
        }
    }
}
