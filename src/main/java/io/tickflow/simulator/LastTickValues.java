package io.tickflow.simulator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the newest tick of each ticker, where the walk resumes: the one with the greatest time
 * among the tail of the Kafka topic (newer than the tables while the sinks catch up) and
 * PostgreSQL (which still holds the ticks of an emptied or new topic). By time, not by Kafka
 * order: a topic written by overlapping steps, or by hand, can hold a ticker's ticks out of order.
 */
public class LastTickValues {

    private static final Logger LOG = LoggerFactory.getLogger(LastTickValues.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private String brokers;
    private String topic;
    private DataSource dataSource;
    private String table;

    public Map<String, Tick> load(Collection<String> names) {
        Map<String, Tick> newest = new HashMap<>();
        fromKafka(names).forEach(tick -> newest.merge(tick.name(), tick, LastTickValues::newer));
        if (dataSource != null) {
            fromPostgres(names).forEach(tick -> newest.merge(tick.name(), tick, LastTickValues::newer));
        }
        return newest;
    }

    private static Tick newer(Tick a, Tick b) {
        return b.time().isAfter(a.time()) ? b : a;
    }

    /** The ticks of the named tickers in the tail of each partition. */
    private List<Tick> fromKafka(Collection<String> names) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<Tick> ticks = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                return ticks;
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(assigned);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(assigned, TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, TIMEOUT);
            // one step writes one tick per ticker, so the newest tick of every ticker lies in the
            // last names.size() records of its partition; twice that allows for a partial step
            long window = 2L * names.size();
            for (TopicPartition tp : assigned) {
                consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - window));
            }
            Set<String> wanted = new HashSet<>(names);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!reachedEnd(consumer, assigned, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && wanted.contains(record.key())) {
                        try {
                            ticks.add(Tick.parse(record.value()));
                        } catch (IllegalArgumentException e) {
                            LOG.warn("Skipping unreadable tick at {}-{}@{}: {}",
                                    record.topic(), record.partition(), record.offset(), e.getMessage());
                        }
                    }
                }
            }
        }
        return ticks;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions,
            Map<TopicPartition, Long> end) {
        return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
    }

    /** The newest stored tick of each named ticker, found through the (name, time) index in one query. */
    private List<Tick> fromPostgres(Collection<String> names) {
        String sql = "SELECT n.name, r.value, r.time FROM unnest(?::text[]) AS n(name) CROSS JOIN LATERAL"
                + " (SELECT value, time FROM " + table + " WHERE name = n.name ORDER BY time DESC LIMIT 1) r";
        List<Tick> ticks = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", names.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ticks.add(new Tick(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the last stored ticks: " + e.getMessage(), e);
        }
        return ticks;
    }

    public void setBrokers(String brokers) {
        this.brokers = brokers;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void setTable(String table) {
        this.table = table;
    }
}
