package io.tickflow.simulator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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
 * Finds the last tick of each ticker, where the walk resumes. The tail of the Kafka topic is read
 * first: it is newer than the tables while the sinks catch up. Tickers not found there (an
 * emptied or new topic) are looked up in PostgreSQL.
 */
public class LastTickValues {

    private static final Logger LOG = LoggerFactory.getLogger(LastTickValues.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private String brokers;
    private String topic;
    private DataSource dataSource;
    private String table;

    public Map<String, Tick> load(Collection<String> names) {
        Map<String, Tick> last = new HashMap<>(fromKafka(names));
        Set<String> missing = new HashSet<>(names);
        missing.removeAll(last.keySet());
        if (!missing.isEmpty() && dataSource != null) {
            last.putAll(fromPostgres(missing));
        }
        return last;
    }

    private Map<String, Tick> fromKafka(Collection<String> names) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Tick> last = new HashMap<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                return last;
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
                            last.put(record.key(), Tick.parse(record.value()));
                        } catch (IllegalArgumentException e) {
                            LOG.warn("Skipping unreadable tick at {}-{}@{}: {}",
                                    record.topic(), record.partition(), record.offset(), e.getMessage());
                        }
                    }
                }
            }
        }
        return last;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions,
            Map<TopicPartition, Long> end) {
        return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
    }

    private Map<String, Tick> fromPostgres(Set<String> names) {
        Map<String, Tick> last = new HashMap<>();
        String sql = "SELECT value, time FROM " + table + " WHERE name = ? ORDER BY time DESC LIMIT 1";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (String name : names) {
                statement.setString(1, name);
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next()) {
                        last.put(name, new Tick(name, rs.getLong(1), rs.getTimestamp(2).toInstant()));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the last stored ticks: " + e.getMessage(), e);
        }
        return last;
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
