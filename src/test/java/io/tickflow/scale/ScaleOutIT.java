package io.tickflow.scale;

import java.io.File;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.LongStream;

import io.tickflow.testing.Await;
import io.tickflow.testing.ChildJvm;
import io.tickflow.testing.Events;
import io.tickflow.testing.Ports;
import io.tickflow.testing.SharedServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two Tickflow processes against the same external Kafka, QuestDB and PostgreSQL share the sink
 * work through one consumer group; killing one (SIGKILL) moves its partitions to the other, and
 * every event is still stored exactly once.
 */
class ScaleOutIT {

    private static final int EVENTS = 30_000;

    private final SharedServers servers = SharedServers.get();
    private final List<Process> processes = new ArrayList<>();
    private Map<String, String> props;

    @BeforeEach
    void isolate() {
        props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        props.put("tickflow.sink.batch-size", "500");
        props.put("tickflow.sink.session-timeout-ms", "10000");
        // one consumer per sink and instance, so the group's members with partitions are the instances
        props.put("tickflow.sink.consumers", "1");
    }

    @AfterEach
    void cleanUp() throws Exception {
        processes.forEach(Process::destroyForcibly);
        servers.dropIsolated(props);
    }

    @Test
    void twoInstancesShareTheSinksAndTheSurvivorTakesOver() throws Exception {
        Events.send(servers.kafkaBootstrap(), props.get("tickflow.topics.trades"), "binance:BTC-USDT",
                List.of(Events.trade(EVENTS)));
        Process first = startInstance("first");
        Process second = startInstance("second");
        String group = props.get("tickflow.sink.questdb.group-id");
        Await.until(ofSeconds(180), "both instances in the sink's consumer group, each with partitions",
                () -> membersWithPartitions(group) == 2);

        try (KafkaProducer<String, String> producer = Events.producer(servers.kafkaBootstrap())) {
            send(producer, 0, EVENTS / 2);
            Await.until(ofSeconds(60), "the instances to be mid-stream", () -> count(true) > 0 && count(false) > 0);
            first.destroyForcibly().waitFor();
            send(producer, EVENTS / 2, EVENTS);
        }
        Await.until(ofSeconds(120), "the survivor to hold all partitions", () -> membersWithPartitions(group) == 1);
        Await.until(ofSeconds(120), "every trade in both databases", () -> count(true) == EVENTS + 1 && count(false) == EVENTS + 1);
        assertEquals(EVENTS + 1, distinct(true));
        assertEquals(EVENTS + 1, distinct(false));
        assertEquals(true, second.isAlive());
    }

    private void send(KafkaProducer<String, String> producer, long from, long to) {
        LongStream.range(from, to).forEach(i -> producer.send(
                new ProducerRecord<>(props.get("tickflow.topics.trades"), "binance:BTC-USDT-" + (i % 7), Events.trade(i))));
        producer.flush();
    }

    /** A separate JVM running Tickflow's main class, configured by system properties. */
    private Process startInstance(String name) throws Exception {
        Map<String, String> instance = new HashMap<>(props);
        instance.put("tickflow.http.port", String.valueOf(Ports.free()));
        instance.put("tickflow.http.host", "127.0.0.1");
        List<String> command = ChildJvm.tickflow("512m", instance);
        File log = Files.createTempFile("tickflow-" + name, ".log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        processes.add(process);
        return process;
    }

    private int membersWithPartitions(String group) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrap());
        try (Admin admin = Admin.create(p)) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            return (int) description.members().stream().map(MemberDescription::assignment)
                    .filter(a -> a.topicPartitions().stream().anyMatch(tp -> tp.topic().equals(props.get("tickflow.topics.trades"))))
                    .count();
        }
    }

    private long count(boolean questdb) throws Exception {
        return single(questdb, "SELECT count(*) FROM " + table(questdb));
    }

    private long distinct(boolean questdb) throws Exception {
        return single(questdb, questdb ? "SELECT count_distinct(trade_id) FROM " + table(true)
                : "SELECT count(DISTINCT trade_id) FROM " + table(false));
    }

    private String table(boolean questdb) {
        return props.get(questdb ? "tickflow.sink.questdb.trades-table" : "tickflow.sink.postgres.trades-table");
    }

    private long single(boolean questdb, String sql) throws Exception {
        try (Connection c = questdb ? servers.questdbConnection() : servers.postgresConnection();
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
