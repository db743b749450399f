package io.tickflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import io.tickflow.embedded.EmbeddedKafka;
import io.tickflow.embedded.EmbeddedPostgresServer;
import io.tickflow.embedded.EmbeddedQuestDb;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The real Kafka, QuestDB and PostgreSQL servers of the test JVM: started once, on free ports,
 * and shared by all test classes. Each test gets its own topics, tables and consumer groups
 * through {@link #isolatedProperties()}, so tests run in any order.
 */
public final class SharedServers {

    private static final List<String> WEBHOOK_TABLES = List.of("attempts", "messages", "bodies", "intake-offsets", "subscriptions");

    private static final List<String> BACKFILL_TABLES = List.of("jobs", "checkpoints", "errors");

    private static SharedServers instance;

    private final EmbeddedKafka kafka;
    private final EmbeddedQuestDb questdb;
    private final EmbeddedPostgresServer postgres;
    private final Path dir;

    /**
     * Starts the three servers at the same time, as {@link io.tickflow.embedded.EmbeddedServices}
     * does (one after the other they took about 6 s of every test JVM's start); a failed start
     * stops the ones that did start.
     */
    private SharedServers() throws IOException {
        dir = Files.createTempDirectory("tickflow-test-servers");
        CompletableFuture<EmbeddedKafka> startingKafka = starting("kafka", () -> new EmbeddedKafka(dir, 0, 0, 3).start());
        CompletableFuture<EmbeddedQuestDb> startingQuestdb = starting("questdb", () -> new EmbeddedQuestDb(dir, 0, 0).start());
        CompletableFuture<EmbeddedPostgresServer> startingPostgres = starting("postgres",
                () -> new EmbeddedPostgresServer(dir, 0).start());
        List<AutoCloseable> started = new ArrayList<>();
        Throwable failure = null;
        for (CompletableFuture<? extends AutoCloseable> server : List.of(startingPostgres, startingQuestdb, startingKafka)) {
            try {
                started.add(server.join());
            } catch (CompletionException e) {
                failure = failure == null ? e.getCause() : failure;
            }
        }
        if (failure != null) {
            stopAll(started);
            deleteDir();
            throw new IllegalStateException("Could not start the shared test servers: " + failure.getMessage(), failure);
        }
        kafka = startingKafka.join();
        questdb = startingQuestdb.join();
        postgres = startingPostgres.join();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "shared-test-servers-stop"));
    }

    /** A server's start. */
    private interface Start<T> {
        T run() throws Exception;
    }

    private static <T> CompletableFuture<T> starting(String name, Start<T> start) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(start.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "shared-test-" + name + "-start");
        thread.start();
        return result;
    }

    public static synchronized SharedServers get() {
        if (instance == null) {
            try {
                instance = new SharedServers();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the shared test servers", e);
            }
        }
        return instance;
    }

    /**
     * Properties pointing Tickflow at these servers (external mode), with fresh names for
     * everything: topics, tables and consumer groups.
     */
    public Map<String, String> isolatedProperties() {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Map<String, String> p = new HashMap<>();
        p.put("tickflow.kafka.brokers", kafka.bootstrapServers());
        p.put("tickflow.questdb.host", "127.0.0.1");
        p.put("tickflow.questdb.http-port", String.valueOf(questdb.httpPort()));
        p.put("tickflow.questdb.pg-port", String.valueOf(questdb.pgPort()));
        p.put("tickflow.postgres.host", "127.0.0.1");
        p.put("tickflow.postgres.port", String.valueOf(postgres.port()));
        p.put("tickflow.simulator.topic", "tickers_" + id);
        for (String topic : List.of("trades", "quotes", "liquidations", "candles", "deadletter", "status")) {
            p.put("tickflow.topics." + topic, "market." + topic + "_" + id);
        }
        for (String table : List.of("tickers", "trades", "quotes", "liquidations", "candles")) {
            p.put("tickflow.sink.questdb." + table + "-table", table + "_" + id);
        }
        for (String table : List.of("records", "trades", "current-price", "symbol-stats")) {
            p.put("tickflow.sink.postgres." + table + "-table", table.replace('-', '_') + "_" + id);
        }
        p.put("tickflow.sink.questdb.group-id", "questdb-sink-" + id);
        p.put("tickflow.sink.postgres.group-id", "postgres-sink-" + id);
        p.put("tickflow.backfill.gap-repair.group-id", "backfill-gap-repair-" + id);
        for (String group : List.of("webhooks", "stream", "status")) {
            p.put("tickflow." + group + ".group-id", group + "-" + id);
        }
        // children before parents: dropIsolated drops them in this order
        for (String table : WEBHOOK_TABLES) {
            p.put("tickflow.webhooks." + table + "-table", "webhook_" + table.replace('-', '_') + "_" + id);
        }
        p.put("tickflow.instruments.table", "instruments_" + id);
        for (String table : BACKFILL_TABLES) {
            p.put("tickflow.backfill." + table + "-table", "backfill_" + table + "_" + id);
        }
        // the registry's disk cache: a test's instruments must not reach another test
        p.put("tickflow.instruments.cache-dir", System.getProperty("java.io.tmpdir") + "/tickflow-instruments-" + id);
        return p;
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    public Connection postgresConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres", "postgres", "postgres");
    }

    public Connection questdbConnection() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "admin");
        props.setProperty("password", "quest");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + questdb.pgPort() + "/qdb", props);
    }

    /** Drops every topic and table named in properties from {@link #isolatedProperties()}. */
    public void dropIsolated(Map<String, String> props) throws Exception {
        dropAll(
                props.entrySet().stream().filter(e -> e.getKey().startsWith("tickflow.topics.")
                        || e.getKey().equals("tickflow.simulator.topic")).map(Map.Entry::getValue).toList(),
                props.entrySet().stream().filter(e -> e.getKey().startsWith("tickflow.sink.questdb.")
                        && e.getKey().endsWith("-table")).map(Map.Entry::getValue).toList(),
                Stream.concat(props.entrySet().stream().filter(e -> e.getKey().startsWith("tickflow.sink.postgres.")
                        && e.getKey().endsWith("-table")).map(Map.Entry::getValue),
                        Stream.concat(WEBHOOK_TABLES.stream().map(t -> props.get("tickflow.webhooks." + t + "-table")),
                                Stream.concat(Stream.of(props.get("tickflow.instruments.table")),
                                        BACKFILL_TABLES.stream().map(t -> props.get("tickflow.backfill." + t + "-table"))))
                                .filter(java.util.Objects::nonNull)).toList());
    }

    /** Drops what a test created: its topics, and its tables in both databases. */
    public void dropAll(List<String> topics, List<String> questdbTables, List<String> postgresTables) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.deleteTopics(topics).all().get();
        } catch (java.util.concurrent.ExecutionException ignored) {
            // a topic that was never created
        }
        try (Connection c = questdbConnection(); Statement s = c.createStatement()) {
            for (String table : questdbTables) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        }
        try (Connection c = postgresConnection(); Statement s = c.createStatement()) {
            for (String table : postgresTables) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    private void close() {
        stopAll(List.of(postgres, questdb, kafka));
        deleteDir();
    }

    /** The servers' files (about 55 MB a test JVM) go with them: runs used to fill the temp directory. */
    private void deleteDir() {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e);
        }
    }

    private static void stopAll(List<AutoCloseable> servers) {
        for (AutoCloseable server : servers) {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("Stopping a test server failed: " + e);
            }
        }
    }
}
