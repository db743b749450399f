package io.tickflow.kafka;

import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The topics and settings of a {@link KafkaBatchComponent} endpoint, named as camel-kafka's
 * parameters; unset ones keep the Kafka client's defaults (the sink and webhook routes pass theirs from
 * application.properties). Keys and values are always read as bytes.
 */
public class KafkaBatchEndpoint extends DefaultEndpoint {

    private final List<String> topics;
    private String brokers;
    private String groupId;
    private String autoOffsetReset = "latest";
    private int consumersCount = 1;
    private int maxPollRecords = 500;
    private int firstBatchRecords;
    private boolean commitOffsets = true;
    private int maxPartitionFetchBytes = 1048576;
    private long batchingIntervalMs;
    private long pollTimeoutMs = 500;
    private int sessionTimeoutMs = 45000;
    private long shutdownTimeout = 30000;

    KafkaBatchEndpoint(String uri, KafkaBatchComponent component, String topics) {
        super(uri, component);
        this.topics = Arrays.stream(topics.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("kafka-batch endpoints only consume");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (brokers == null || groupId == null) {
            throw new IllegalArgumentException("kafka-batch needs the parameters brokers and groupId");
        }
        KafkaBatchConsumer consumer = new KafkaBatchConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** A Kafka consumer's settings: bytes in, offsets committed by the batch consumer only. */
    Properties clientProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, maxPartitionFetchBytes);
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeoutMs);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    List<String> getTopics() {
        return topics;
    }

    public String getGroupId() {
        return groupId;
    }

    public void setBrokers(String brokers) {
        this.brokers = brokers;
    }

    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }

    public void setAutoOffsetReset(String autoOffsetReset) {
        this.autoOffsetReset = autoOffsetReset;
    }

    public int getConsumersCount() {
        return consumersCount;
    }

    public void setConsumersCount(int consumersCount) {
        this.consumersCount = consumersCount;
    }

    public int getMaxPollRecords() {
        return maxPollRecords;
    }

    public void setMaxPollRecords(int maxPollRecords) {
        this.maxPollRecords = maxPollRecords;
    }

    /** The first batch's size (0: maxPollRecords); each batch after doubles it up to maxPollRecords. */
    public int getFirstBatchRecords() {
        return firstBatchRecords > 0 ? Math.min(firstBatchRecords, maxPollRecords) : maxPollRecords;
    }

    public void setFirstBatchRecords(int firstBatchRecords) {
        this.firstBatchRecords = firstBatchRecords;
    }

    /** false: nothing is committed, so each start reads from autoOffsetReset (live data, as the stream wants). */
    public boolean isCommitOffsets() {
        return commitOffsets;
    }

    public void setCommitOffsets(boolean commitOffsets) {
        this.commitOffsets = commitOffsets;
    }

    public void setMaxPartitionFetchBytes(int maxPartitionFetchBytes) {
        this.maxPartitionFetchBytes = maxPartitionFetchBytes;
    }

    public long getBatchingIntervalMs() {
        return batchingIntervalMs;
    }

    public void setBatchingIntervalMs(long batchingIntervalMs) {
        this.batchingIntervalMs = batchingIntervalMs;
    }

    public long getPollTimeoutMs() {
        return pollTimeoutMs;
    }

    public void setPollTimeoutMs(long pollTimeoutMs) {
        this.pollTimeoutMs = pollTimeoutMs;
    }

    public void setSessionTimeoutMs(int sessionTimeoutMs) {
        this.sessionTimeoutMs = sessionTimeoutMs;
    }

    public long getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(long shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }
}
