package io.tickflow.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.tickflow.simulator.Tick;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads ticks back from where Tickflow put them: the Kafka topic, QuestDB and PostgreSQL. */
public final class StoredTicks {

    private StoredTicks() {
    }

    public static List<Tick> inTopic(String bootstrap, String topic) {
        return recordsInTopic(bootstrap, topic).stream().map(r -> Tick.parse(r.value())).toList();
    }

    /** Every record of the topic with its partition, offset and timestamp, each partition in offset order. */
    public static List<ConsumerRecord<String, String>> recordsInTopic(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read topic " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** How many records the topic holds (its end offsets: nothing is deleted from a test topic). */
    public static long countInTopic(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** All rows of a tick table (name, time, value), oldest first. */
    public static List<Tick> inTable(Connection connection, String table) throws SQLException {
        List<Tick> ticks = new ArrayList<>();
        try (connection; Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT name, time, value FROM " + table + " ORDER BY time, name")) {
            while (rs.next()) {
                ticks.add(new Tick(rs.getString(1), rs.getLong(3), rs.getTimestamp(2).toInstant()));
            }
        }
        return ticks;
    }

    public static long count(Connection connection, String table) throws SQLException {
        try (connection; Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("does not exist")) {
                return 0;
            }
            throw e;
        }
    }
}
