package io.tickflow.sink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.tickflow.embedded.EmbeddedPostgresServer;
import io.tickflow.embedded.EmbeddedQuestDb;
import io.tickflow.testing.Await;
import io.tickflow.testing.Events;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A database is stopped for a while under load and started again; the sink waits it out with
 * backoff (Kafka keeps the backlog) and every event arrives. Each test stops a server of its own,
 * so the shared servers stay up for the other tests.
 */
class SinkOutageIT {

    private static final int EVENTS = 20_000;

    private final SharedServers servers = SharedServers.get();
    private Map<String, String> props;
    private Path dir;

    @BeforeEach
    void isolate() throws Exception {
        props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        props.put("tickflow.sink.retry-initial-delay-ms", "200");
        props.put("tickflow.sink.retry-max-delay-ms", "1000");
        props.put("tickflow.questdb.ilp-options", "retry_timeout=1000;");
        dir = Files.createTempDirectory("outage");
    }

    @AfterEach
    void cleanUp() throws Exception {
        servers.dropIsolated(props);
    }

    @Test
    void questdbOutageIsWaitedOut() throws Exception {
        EmbeddedQuestDb questdb = new EmbeddedQuestDb(dir, 0, 0).start();
        int httpPort = questdb.httpPort();
        int pgPort = questdb.pgPort();
        props.put("tickflow.questdb.http-port", String.valueOf(httpPort));
        props.put("tickflow.questdb.pg-port", String.valueOf(pgPort));
        String table = props.get("tickflow.sink.questdb.trades-table");
        try (RunningTickflow app = RunningTickflow.start(props)) {
            CompletableFuture<Void> load = produceUnderLoad();
            Await.until(ofSeconds(30), "the first trades in QuestDB", () -> count(questdbJdbc(pgPort), table) > 0);
            questdb.close();
            TimeUnit.SECONDS.sleep(3); // the outage itself: how long the database stays away
            questdb = new EmbeddedQuestDb(dir, httpPort, pgPort).start();
            load.get(60, TimeUnit.SECONDS);
            Await.until(ofSeconds(90), "all trades in QuestDB", () -> count(questdbJdbc(pgPort), table) == EVENTS);
            assertEquals(EVENTS, countDistinct(questdbJdbc(pgPort), "SELECT count_distinct(trade_id) FROM " + table));
        } finally {
            questdb.close();
        }
    }

    @Test
    void postgresOutageIsWaitedOut() throws Exception {
        EmbeddedPostgresServer postgres = new EmbeddedPostgresServer(dir, 0).start();
        int port = postgres.port();
        props.put("tickflow.postgres.port", String.valueOf(port));
        String table = props.get("tickflow.sink.postgres.trades-table");
        try (RunningTickflow app = RunningTickflow.start(props)) {
            CompletableFuture<Void> load = produceUnderLoad();
            Await.until(ofSeconds(30), "the first trades in PostgreSQL", () -> count(postgresJdbc(port), table) > 0);
            postgres.close();
            TimeUnit.SECONDS.sleep(3); // the outage itself: how long the database stays away
            postgres = new EmbeddedPostgresServer(dir, port).start();
            load.get(60, TimeUnit.SECONDS);
            Await.until(ofSeconds(90), "all trades in PostgreSQL", () -> count(postgresJdbc(port), table) == EVENTS);
            assertEquals(EVENTS, countDistinct(postgresJdbc(port), "SELECT count(DISTINCT trade_id) FROM " + table));
        } finally {
            postgres.close();
        }
    }

    /** Trades at about 5,000/s in the background, so the outage happens mid-stream. */
    private CompletableFuture<Void> produceUnderLoad() {
        String topic = props.get("tickflow.topics.trades");
        return CompletableFuture.runAsync(() -> {
            try (KafkaProducer<String, String> producer = Events.producer(servers.kafkaBootstrap())) {
                for (int i = 0; i < EVENTS; i++) {
                    producer.send(new ProducerRecord<>(topic, "binance:BTC-USDT", Events.trade(i)));
                    if (i % 500 == 499) {
                        producer.flush();
                        TimeUnit.MILLISECONDS.sleep(100);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static Connection questdbJdbc(int pgPort) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "admin");
        p.setProperty("password", "quest");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/qdb", p);
    }

    private static Connection postgresJdbc(int port) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "postgres");
    }

    private static long count(Connection connection, String table) throws Exception {
        return countDistinct(connection, "SELECT count(*) FROM " + table);
    }

    private static long countDistinct(Connection connection, String sql) throws Exception {
        try (connection; Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
