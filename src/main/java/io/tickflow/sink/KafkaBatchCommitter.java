package io.tickflow.sink;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * Commits the offsets of a batch once the sink has stored it. A batch may span partitions and
 * each record's manual commit covers only its own partition, so the last record of every
 * partition is committed. Runs on the consumer thread, as Kafka requires.
 */
public class KafkaBatchCommitter {

    public void commit(List<Exchange> records) {
        Map<Integer, KafkaManualCommit> lastPerPartition = new LinkedHashMap<>();
        for (Exchange record : records) {
            Integer partition = record.getMessage().getHeader(KafkaConstants.PARTITION, Integer.class);
            KafkaManualCommit commit = record.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
            if (commit == null) {
                throw new IllegalStateException("Kafka record without manual commit: set allowManualCommit=true");
            }
            lastPerPartition.put(partition, commit);
        }
        lastPerPartition.values().forEach(KafkaManualCommit::commit);
    }
}
