package io.tickflow.sink;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.testing.Await;
import io.tickflow.testing.Events;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.StoredTicks;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every event type lands in its tables with exact values; bad records are dead-lettered, good ones around them land. */
class SinkDeliveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARKET = "\"exchange\":\"bitmex\",\"symbol\":\"%s\",\"rawSymbol\":\"X\",\"ts\":\"%s\",\"receivedTs\":\"2026-03-01T00:00:09Z\"";

    private final SharedServers servers = SharedServers.get();
    private Map<String, String> props;

    @BeforeEach
    void isolate() {
        props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
    }

    @AfterEach
    void cleanUp() throws Exception {
        servers.dropIsolated(props);
    }

    @Test
    void eventsLandExactlyAndBadRecordsAreDeadLettered() throws Exception {
        List<String> trades = new ArrayList<>();
        List<String> bad = List.of(
                Events.trade(1000).replace("\"price\":\"97000.123456789012345678\"", "\"price\":\"abc\""),
                Events.trade(1001).replace("\"tradeId\":\"1001\"", "\"tradeId\":null"),
                "{\"type\":\"trade\",\"exchange\":\"binance\",\"sym",
                Events.trade(1003).replace("\"side\":\"sell\"", "\"side\":\"short\""));
        for (int i = 0; i < 200; i++) {
            trades.add(Events.trade(i));
            if (i % 50 == 25) {
                trades.add(bad.get(i / 50));
            }
        }
        // texts that must arrive as they are through the COPY into PostgreSQL: a comma and quotes, a backslash, COPY's end marker, spaces
        List<String> trickyIds = List.of("x,\\\"y\\\"", "back\\\\slash", "\\\\.", " padded ");
        for (int i = 0; i < trickyIds.size(); i++) {
            trades.add(Events.trade(2000 + i).replace("\"tradeId\":\"" + (2000 + i) + "\"", "\"tradeId\":\"" + trickyIds.get(i) + "\""));
        }
        Events.send(servers.kafkaBootstrap(), topic("trades"), "binance:BTC-USDT", trades);
        Events.send(servers.kafkaBootstrap(), topic("quotes"), "bitmex:BTC-USDT", List.of(
                quote("BTC-USDT", "2026-03-01T00:00:01Z", "97000.5"),
                quote("BTC-USDT", "2026-03-01T00:00:03Z", "97002.5"),
                quote("BTC-USDT", "2026-03-01T00:00:02Z", "97001.5"),
                quote("ETH-USDT", "2026-03-01T00:00:01Z", "3500.25").replace(",\"bidSize\":\"1\"", "")));
        Events.send(servers.kafkaBootstrap(), topic("liquidations"), "bitmex:BTC-USDT", List.of(
                "{\"type\":\"liquidation\"," + MARKET.formatted("BTC-USDT", "2026-03-01T00:00:01Z")
                        + ",\"side\":\"sell\",\"price\":\"96000.1\",\"amount\":\"2.5\",\"orderStatus\":\"FILLED\"}"));
        Events.send(servers.kafkaBootstrap(), topic("candles"), "bitmex:BTC-USDT", List.of(
                "{\"type\":\"candle\"," + MARKET.formatted("BTC-USDT", "2026-03-01T00:01:00Z") + ",\"interval\":\"1m\","
                        + "\"open\":\"1.1\",\"high\":\"2.2\",\"low\":\"0.9\",\"close\":\"1.5\",\"volume\":\"10.000000000000000001\",\"closed\":true}"));

        try (RunningTickflow app = RunningTickflow.start(props)) {
            Await.until(ofSeconds(60), "all events in both databases", () ->
                    questdbCount("trades") == 204 && postgresCount("trades") == 204
                            && questdbCount("quotes") == 4 && postgresCount("current-price") == 2
                            && questdbCount("liquidations") == 1 && questdbCount("candles") == 1);
        }
        // the first batches span several topics: each topic's offsets are committed, not one per partition number
        assertEverythingCommitted("questdb", List.of("trades", "quotes", "liquidations", "candles"));
        assertEverythingCommitted("postgres", List.of("trades", "quotes"));

        assertEquals(Events.price(7), questdbDecimal("SELECT price FROM " + table("questdb", "trades") + " WHERE trade_id = '7'"));
        assertEquals(Events.price(7), postgresDecimal("SELECT price FROM " + table("postgres", "trades") + " WHERE trade_id = '7'"));
        assertEquals(List.of(" padded ", "\\.", "back\\slash", "x,\"y\""), texts(servers.postgresConnection(),
                "SELECT trade_id FROM " + table("postgres", "trades") + " WHERE trade_id NOT SIMILAR TO '[0-9]+'").stream().sorted().toList());
        assertEquals(new BigDecimal("10.000000000000000001"),
                questdbDecimal("SELECT volume FROM " + table("questdb", "candles")));
        assertEquals(new BigDecimal("97002.5"), postgresDecimal(
                "SELECT bid_price FROM " + table("postgres", "current-price") + " WHERE symbol = 'BTC-USDT'"));
        assertEquals(new BigDecimal("3501.25"), postgresDecimal(
                "SELECT ask_price FROM " + table("postgres", "current-price") + " WHERE symbol = 'ETH-USDT' AND bid_size IS NULL"));

        List<JsonNode> deadLetters = deadLetters(8);
        for (String source : List.of("questdb-sink", "postgres-sink")) {
            List<JsonNode> fromSink = deadLetters.stream().filter(d -> d.get("source").asText().equals(source)).toList();
            assertEquals(bad, fromSink.stream().map(d -> d.get("payload").asText()).toList(), source);
            assertEquals(List.of("field 'price' must be a decimal number, was \"abc\"", "missing field 'tradeId'"),
                    fromSink.subList(0, 2).stream().map(d -> d.get("reason").asText()).toList());
            assertTrue(fromSink.get(2).get("reason").asText().startsWith("not JSON"));
            assertEquals(topic("trades"), fromSink.get(0).get("topic").asText());
            assertEquals("binance:BTC-USDT", fromSink.get(0).get("key").asText(), "the record's key, read as bytes");
        }
    }

    private void assertEverythingCommitted(String sink, List<String> types) throws Exception {
        Map<TopicPartition, Long> ends = new HashMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrap()))) {
            for (String type : types) {
                int partitions = admin.describeTopics(List.of(topic(type))).allTopicNames().get().get(topic(type)).partitions().size();
                for (int partition = 0; partition < partitions; partition++) {
                    TopicPartition tp = new TopicPartition(topic(type), partition);
                    long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
                    if (end > 0) {
                        ends.put(tp, end);
                    }
                }
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                    props.get("tickflow.sink." + sink + ".group-id")).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> committedOffsets = new HashMap<>();
            ends.keySet().forEach(tp -> committedOffsets.put(tp, committed.containsKey(tp) ? committed.get(tp).offset() : null));
            assertEquals(ends, committedOffsets, sink + "-sink committed offsets");
        }
    }

    private static String quote(String symbol, String ts, String bid) {
        return "{\"type\":\"quote\"," + MARKET.formatted(symbol, ts) + ",\"bidPrice\":\"" + bid
                + "\",\"bidSize\":\"1\",\"askPrice\":\"" + new BigDecimal(bid).add(BigDecimal.ONE) + "\",\"askSize\":\"2\"}";
    }

    private List<JsonNode> deadLetters(int expected) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<JsonNode> letters = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic("deadletter")));
            Await.until(ofSeconds(30), expected + " dead letters", () -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    letters.add(JSON.readTree(record.value()));
                }
                return letters.size() >= expected;
            });
        }
        assertEquals(expected, letters.size());
        return letters;
    }

    private String topic(String type) {
        return props.get("tickflow.topics." + type);
    }

    private String table(String database, String name) {
        return props.get("tickflow.sink." + database + "." + name + "-table");
    }

    private long questdbCount(String name) throws Exception {
        return StoredTicks.count(servers.questdbConnection(), table("questdb", name));
    }

    private long postgresCount(String name) throws Exception {
        return StoredTicks.count(servers.postgresConnection(), table("postgres", name));
    }

    private BigDecimal questdbDecimal(String sql) throws Exception {
        return decimal(servers.questdbConnection(), sql);
    }

    private BigDecimal postgresDecimal(String sql) throws Exception {
        return decimal(servers.postgresConnection(), sql);
    }

    private static List<String> texts(Connection connection, String sql) throws Exception {
        List<String> texts = new ArrayList<>();
        try (connection; Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                texts.add(rs.getString(1));
            }
        }
        return texts;
    }

    private static BigDecimal decimal(Connection connection, String sql) throws Exception {
        try (connection; Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getBigDecimal(1).stripTrailingZeros();
        }
    }
}
