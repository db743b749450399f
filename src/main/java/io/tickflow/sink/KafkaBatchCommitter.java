package io.tickflow.sink;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommit;
import org.apache.kafka.common.TopicPartition;

/**
 * Commits the offsets of a camel-kafka batch once the route has handled it (the webhook intake). A batch may span topics and
 * partitions and each record's manual commit covers only its own topic partition, so the last
 * record of every topic partition is committed. Runs on the consumer thread, as Kafka requires.
 */
public class KafkaBatchCommitter {

    public void commit(List<Exchange> records) {
        Map<TopicPartition, DefaultKafkaManualCommit> lastPerPartition = new LinkedHashMap<>();
        for (Exchange record : records) {
            // one header per record: a batch has thousands, and header lookups are not free
            if (!(record.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT) instanceof DefaultKafkaManualCommit commit)) {
                throw new IllegalStateException("Kafka record without manual commit: set allowManualCommit=true");
            }
            lastPerPartition.put(commit.getPartition(), commit);
        }
        lastPerPartition.values().forEach(DefaultKafkaManualCommit::commit);
    }
}
