package io.tickflow.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.camel.Exchange;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka consumer of a kafka-batch endpoint, on its own thread: polls until the batch is full
 * or {@code batchingIntervalMs} has passed since its first record, hands
 * the route one Exchange whose body is the batch (an unmodifiable list of the records), and once
 * the route has processed it commits each partition's last offset + 1. A batch the route fails
 * (it is stopped while retrying) is not committed: the consumer seeks back to it. Records of
 * partitions revoked while a batch fills are dropped uncommitted, for their new owner to read.
 * <p>
 * Batches start small ({@code firstBatchRecords}) and double up to {@code maxPollRecords}: at start
 * the code is not compiled yet and one full batch would take seconds to store, so the first rows
 * reach the tables sooner; records polled beyond a batch wait, in order, for the next one.
 */
final class BatchPollLoop implements Runnable, ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(BatchPollLoop.class);

    private final KafkaBatchConsumer consumer;
    private final KafkaBatchEndpoint endpoint;
    private final KafkaConsumer<byte[], byte[]> kafka;
    // held while a batch is processed and committed, so stopping waits for it before waking Kafka up
    private final ReentrantLock processing = new ReentrantLock();
    private volatile boolean running = true;
    private List<ConsumerRecord<byte[], byte[]>> pending = new ArrayList<>();
    private long firstPendingAt;
    private int batchSize;

    BatchPollLoop(KafkaBatchConsumer consumer) {
        this.consumer = consumer;
        this.endpoint = consumer.getEndpoint();
        this.kafka = new KafkaConsumer<>(endpoint.clientProperties());
        this.batchSize = endpoint.getFirstBatchRecords();
    }

    @Override
    public void run() {
        try (kafka) {
            kafka.subscribe(endpoint.getTopics(), this);
            while (running) {
                try {
                    if (fill()) {
                        process();
                    }
                } catch (WakeupException e) {
                    // stopping
                } catch (KafkaException e) {
                    consumer.getExceptionHandler().handleException("Kafka poll failed on " + endpoint.getTopics(), e);
                    pending = new ArrayList<>();
                    pause();
                }
            }
        } catch (RuntimeException e) {
            consumer.getExceptionHandler().handleException("Kafka consumer of " + endpoint.getTopics() + " stopped", e);
        }
    }

    /** Polls into the pending batch; true when it is ready to process. */
    private boolean fill() {
        while (running) {
            if (!pending.isEmpty() && (pending.size() >= batchSize || System.currentTimeMillis() >= deadline())) {
                return true;
            }
            long wait = pending.isEmpty() ? endpoint.getPollTimeoutMs()
                    : Math.min(endpoint.getPollTimeoutMs(), Math.max(0, deadline() - System.currentTimeMillis()));
            ConsumerRecords<byte[], byte[]> polled = kafka.poll(Duration.ofMillis(wait));
            if (pending.isEmpty() && !polled.isEmpty()) {
                firstPendingAt = System.currentTimeMillis();
            }
            for (ConsumerRecord<byte[], byte[]> record : polled) {
                pending.add(record);
            }
            if (pending.isEmpty()) {
                return false;
            }
        }
        return false;
    }

    private long deadline() {
        return firstPendingAt + endpoint.getBatchingIntervalMs();
    }

    private void process() {
        List<ConsumerRecord<byte[], byte[]>> batch;
        if (pending.size() <= batchSize) {
            batch = pending;
            pending = new ArrayList<>();
        } else {
            batch = new ArrayList<>(pending.subList(0, batchSize));
            pending = new ArrayList<>(pending.subList(batchSize, pending.size()));
        }
        batchSize = Math.min(endpoint.getMaxPollRecords(), batchSize * 2);
        processing.lock();
        try {
            Exchange exchange = consumer.createExchange(false);
            try {
                exchange.getMessage().setBody(Collections.unmodifiableList(batch));
                try {
                    consumer.getProcessor().process(exchange);
                } catch (Exception e) {
                    exchange.setException(e);
                }
                if (exchange.getException() == null) {
                    if (endpoint.isCommitOffsets()) {
                        commit(batch);
                    }
                } else {
                    consumer.getExceptionHandler().handleException("Batch not processed: it is read again", exchange,
                            exchange.getException());
                    // the records polled after the batch are read again too, after it
                    batch.addAll(pending);
                    pending = new ArrayList<>();
                    rewind(batch);
                    // a route failing at once would otherwise spin on the same records
                    pause();
                }
            } finally {
                consumer.releaseExchange(exchange, false);
            }
        } finally {
            processing.unlock();
        }
    }

    private void commit(List<ConsumerRecord<byte[], byte[]>> batch) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            next.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        try {
            kafka.commitSync(next);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // the group moved the partitions on (the batch took longer than max.poll.interval.ms):
            // their new owner reads the batch again, and the tables ignore the replay
            LOG.warn("Stored batch of {} not committed, it will be replayed: {}", endpoint.getTopics(), e.toString());
        }
    }

    /** Seeks each partition of the batch back to its first record, if this consumer still owns it. */
    private void rewind(List<ConsumerRecord<byte[], byte[]>> batch) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            first.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
        }
        first.forEach((partition, offset) -> {
            if (kafka.assignment().contains(partition)) {
                kafka.seek(partition, offset);
            }
        });
    }

    private void pause() {
        try {
            Thread.sleep(endpoint.getPollTimeoutMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Called on a poll's thread: the records of the revoked partitions are left for their new owner. */
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        pending.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        // nothing to do: a new owner starts from the group's committed offsets
    }

    /** Waits up to the timeout for the batch in hand, then wakes the consumer out of its poll. */
    void stop(long timeoutMs) throws InterruptedException {
        running = false;
        boolean locked = processing.tryLock(timeoutMs, TimeUnit.MILLISECONDS);
        try {
            kafka.wakeup();
        } finally {
            if (locked) {
                processing.unlock();
            }
        }
    }
}
