package io.tickflow.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.tickflow.storage.KafkaTopics;
import io.tickflow.testing.Await;
import io.tickflow.testing.SharedServers;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kafka-batch endpoint on the shared Kafka: batches of records, committed only once processed. */
class KafkaBatchIT {

    private static final int PARTITIONS = 3;
    private static final int RECORDS = 3000;

    private final SharedServers servers = SharedServers.get();
    private final String topic = "kafka-batch-" + UUID.randomUUID();
    private final String group = "kafka-batch-" + UUID.randomUUID();
    private final List<List<ConsumerRecord<byte[], byte[]>>> batches = new CopyOnWriteArrayList<>();
    private final List<List<ConsumerRecord<byte[], byte[]>>> stored = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void cleanUp() throws Exception {
        camel.close();
        servers.dropAll(List.of(topic), List.of(), List.of());
    }

    @Test
    void eachPollIsOneExchangeOfRecordsAndItsOffsetsAreCommittedOnceProcessed() throws Exception {
        send(0, RECORDS);
        start();
        Await.until(ofSeconds(30), RECORDS + " records received", () -> received().size() == RECORDS);
        Await.until(ofSeconds(30), "the offsets committed", () -> committed() == RECORDS);
        assertEquals(values(0, RECORDS), Set.copyOf(received()));
        assertTrue(batches.size() < RECORDS / 10, "records come in batches, not one by one: " + batches.size());
        assertTrue(batches.stream().allMatch(b -> b.size() <= 2 * 1000), "a batch holds about maxPollRecords at most");
    }

    @Test
    void aBatchTheRouteFailsIsNotCommittedAndIsReadAgain() throws Exception {
        failuresLeft.set(2);
        send(0, 100);
        start();
        Await.until(ofSeconds(30), "the records received after two failed batches",
                () -> failuresLeft.get() == 0 && Set.copyOf(received()).size() == 100);
        Await.until(ofSeconds(30), "the offsets committed", () -> committed() == 100);
        assertTrue(received().size() > 100, "the failed batches were read again");
    }

    @Test
    void batchesStartSmallAndDoubleUpToMaxPollRecords() throws Exception {
        send(0, RECORDS);
        start("&consumersCount=1&firstBatchRecords=50");
        Await.until(ofSeconds(30), () -> RECORDS + " records received; got " + received().size() + " in batches of "
                + batches.stream().map(List::size).toList(), () -> received().size() == RECORDS);
        Await.until(ofSeconds(30), "the offsets committed", () -> committed() == RECORDS);
        assertEquals(values(0, RECORDS), Set.copyOf(received()));
        List<Integer> sizes = batches.stream().map(List::size).toList();
        assertEquals(50, sizes.get(0), "the first batch: " + sizes);
        assertTrue(sizes.get(1) <= 100 && sizes.get(2) <= 200, "then doubling: " + sizes);
        assertTrue(sizes.stream().allMatch(size -> size <= 1000), "never more than maxPollRecords: " + sizes);
    }

    @Test
    void theRecordsPolledAfterAFailedBatchAreReadAgainAfterItNotTwice() throws Exception {
        failuresLeft.set(1);
        send(0, 300);
        start("&consumersCount=1&firstBatchRecords=10");
        Await.until(ofSeconds(30), "the offsets committed", () -> committed() == 300);
        List<String> values = new ArrayList<>();
        stored.forEach(b -> b.forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8))));
        assertEquals(300, values.size(), "each record stored once, none lost and none twice");
        assertEquals(values(0, 300), Set.copyOf(values));
    }

    @Test
    void withCommitOffsetsFalseNothingIsCommitted() throws Exception {
        send(0, 100);
        start("&consumersCount=1&commitOffsets=false");
        Await.until(ofSeconds(30), "100 records received", () -> received().size() == 100);
        // a batch is committed, if at all, before the next poll: one more record received shows
        // that the first 100 would have been committed by now
        produce(100, 101);
        Await.until(ofSeconds(30), "one more record received", () -> received().size() == 101);
        assertEquals(0, committed(), "live readers leave no offsets behind");
    }

    private void start() throws Exception {
        start("&consumersCount=2");
    }

    private void start(String options) throws Exception {
        String uri = "kafka-batch:" + topic + "?brokers=" + servers.kafkaBootstrap() + "&groupId=" + group
                + "&autoOffsetReset=earliest&maxPollRecords=1000&batchingIntervalMs=100&pollTimeoutMs=100" + options;
        // a lambda, not a RouteBuilder class: Tickflow's start would find that in the test classes
        RouteBuilder.addRoutes(camel, routes -> routes.from(uri).process(exchange -> {
            @SuppressWarnings("unchecked")
            List<ConsumerRecord<byte[], byte[]>> batch = exchange.getMessage().getBody(List.class);
            batches.add(batch);
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("the database is down");
            }
            stored.add(batch);
        }));
        camel.start();
    }

    private List<String> received() {
        List<String> values = new ArrayList<>();
        batches.forEach(b -> b.forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8))));
        return values;
    }

    private static Set<String> values(int from, int to) {
        Set<String> values = new java.util.HashSet<>();
        for (int i = from; i < to; i++) {
            values.add("event-" + i);
        }
        return values;
    }

    private void send(int from, int to) throws Exception {
        // as Tickflow creates its topics: each partition has its leader before anything is sent (the
        // producer expired a partition's records after 120 s once, in CI, when it sent at once)
        KafkaTopics topics = new KafkaTopics();
        topics.setBrokers(servers.kafkaBootstrap());
        topics.setTopics(topic);
        topics.setPartitions(PARTITIONS);
        topics.create();
        produce(from, to);
    }

    /** Sends the events and waits until Kafka has them: a failed send fails here, naming Kafka's reason. */
    private void produce(int from, int to) throws Exception {
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, String> p = new KafkaProducer<>(producer)) {
            for (int i = from; i < to; i++) {
                sent.add(p.send(new ProducerRecord<>(topic, "key-" + i, "event-" + i)));
            }
        }
        for (Future<RecordMetadata> record : sent) {
            record.get();
        }
    }

    /** Records the group has committed, summed over the topic's partitions. */
    private long committed() throws Exception {
        try (Admin a = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrap()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = a.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().filter(java.util.Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
        }
    }
}
