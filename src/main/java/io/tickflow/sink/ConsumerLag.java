package io.tickflow.sink;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.tickflow.storage.KafkaAdmins;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauge {@code tickflow_kafka_consumer_lag{group}}: records on Kafka that a consumer group has
 * not committed yet, summed over the partitions it has committed offsets for. Committed offsets,
 * not a consumer's fetch position, because the sinks commit only what is stored: this is the work
 * a crash would replay, and it is the same whichever instance asks. Refreshed by
 * {@link #refresh()} (a timer route); NaN while Kafka does not answer.
 */
public class ConsumerLag implements CamelContextAware, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLag.class);
    private static final long TIMEOUT_MS = 3000;

    private final Map<String, Double> lags = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private String brokers;
    private List<String> groups = List.of();
    private CamelContext camelContext;
    private Admin admin;

    /** Asks Kafka for each group's committed and end offsets. */
    public void refresh() {
        for (String group : groups) {
            if (!lags.containsKey(group)) {
                register(group);
            }
            try {
                lags.put(group, (double) lag(group));
                if (failing.remove(group)) {
                    LOG.info("Consumer lag of {} known again", group);
                }
            } catch (Exception e) {
                lags.put(group, Double.NaN);
                if (failing.add(group)) {
                    LOG.warn("Consumer lag of {} unknown: {}", group, e.getMessage());
                }
            }
        }
    }

    /**
     * The gauge of a group, in the registry /metrics serves. Registered here rather than when the
     * bean is created: Camel binds that registry only after the route files (and their beans) are read.
     */
    private void register(String group) {
        lags.put(group, Double.NaN);
        Gauge.builder("tickflow.kafka.consumer.lag", lags, l -> l.getOrDefault(group, Double.NaN))
                .description("Records not yet committed by the consumer group").tag("group", group)
                .register(MicrometerUtils.getOrCreateMeterRegistry(camelContext.getRegistry(), MicrometerConstants.METRICS_REGISTRY_NAME));
    }

    private long lag(String group) throws Exception {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        committed.forEach((partition, offset) -> {
            if (offset != null) {
                partitions.put(partition, OffsetSpec.latest());
            }
        });
        if (partitions.isEmpty()) {
            return 0;
        }
        long lag = 0;
        ListOffsetsResult ends = admin().listOffsets(partitions);
        for (TopicPartition partition : partitions.keySet()) {
            try {
                long end = ends.partitionResult(partition).get(TIMEOUT_MS, TimeUnit.MILLISECONDS).offset();
                lag += Math.max(0, end - committed.get(partition).offset());
            } catch (ExecutionException e) {
                // the offsets of a deleted topic can outlive it for a while: nothing left to consume there
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return lag;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = KafkaAdmins.create(brokers, TIMEOUT_MS);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }

    public void setBrokers(String brokers) {
        this.brokers = brokers;
    }

    /** Comma-separated consumer group ids. */
    public void setGroups(String groups) {
        this.groups = Arrays.stream(groups.split(",")).map(String::trim).filter(g -> !g.isEmpty()).distinct().toList();
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
