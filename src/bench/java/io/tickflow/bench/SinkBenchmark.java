package io.tickflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import io.tickflow.bench.RawLimits.TradeRow;
import io.tickflow.event.EventTime;
import io.tickflow.testing.Events;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.apache.camel.spi.RouteController;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sink throughput against the raw limits, on the same embedded servers in the same run:
 * N trade events pre-loaded on Kafka, then (a) the QuestDB client writing the same rows,
 * (b) Tickflow's Kafka -> QuestDB route, (c) PostgreSQL COPY, (d) Tickflow's Kafka -> PostgreSQL
 * route, (e) a naive INSERT-per-message bridge; then Kafka -> queryable latency at a steady rate. Before
 * these, Tickflow's route and the standard peer (Kafka Connect), each in a JVM of its own ({@link PeerComparison}).
 * Each writer first stores warm-up events untimed, as benchmarks of compiled code do.
 * Run with: mvn -B -q -Pbench test-compile exec:exec [-Dbench.events=1000000] [-Dbench.warmup-events=200000]
 */
public final class SinkBenchmark {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final Map<Boolean, Connection> COUNTING = new HashMap<>();
    private static Admin admin;

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(System.getProperty("bench.events", "1000000"));
        int w = Integer.parseInt(System.getProperty("bench.warmup-events", "200000"));
        int peerRounds = Integer.parseInt(System.getProperty("bench.peer-rounds", "2"));
        if (peerRounds < 1) {
            // checked before the servers start: their threads would keep this JVM alive after the failure
            throw new IllegalArgumentException("bench.peer-rounds must be at least 1, was " + peerRounds);
        }
        SharedServers servers = SharedServers.get();
        Map<String, String> props = new HashMap<>(servers.isolatedProperties());
        String topic = props.get("tickflow.topics.trades");
        String latencyTopic = topic + "_latency";
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        props.put("tickflow.sink.questdb.enabled", "false");
        props.put("tickflow.sink.postgres.enabled", "false");
        props.put("tickflow.sink.questdb.topics", props.get("tickflow.topics.trades") + "," + latencyTopic);
        String questdbTable = props.get("tickflow.sink.questdb.trades-table");
        String postgresTable = props.get("tickflow.sink.postgres.trades-table");
        createTopic(servers.kafkaBootstrap(), latencyTopic);

        // first, while nothing else runs in this JVM: Tickflow and the peer, each in a JVM of its own
        int consumers = Integer.parseInt(defaults().getProperty("tickflow.sink.consumers"));
        new PeerComparison(servers, n, consumers, topic + "_peer").run(peerRounds);
        if (Boolean.getBoolean("bench.peer-only")) {
            servers.dropIsolated(props);
            System.exit(0);
        }

        // ids 0..w-1 warm the JIT of every writer (untimed); the measured events follow, later in time
        List<TradeRow> warmupRows = LongStream.range(0, w).mapToObj(SinkBenchmark::row).toList();
        List<TradeRow> rows = LongStream.range(w, w + n).mapToObj(SinkBenchmark::row).toList();
        preload(servers, topic, 0, w);

        List<String[]> table = new ArrayList<>();
        try (RunningTickflow app = RunningTickflow.start(props)) {
            RouteController routes = app.camelContext().getRouteController();
            // the other consumers of the event topics would read the pre-loaded events during every
            // measurement alike: stopped, each figure is one writer against its limit
            routes.stopRoute("events-kafka-to-webhook-queue");
            routes.stopRoute("events-kafka-to-stream-clients");

            // warm-up: each writer first stores the warm-up events the way it is then measured, so
            // every figure is of compiled code (a long-running sink's state), not of the JIT at work
            for (String route : List.of("kafka-to-questdb", "kafka-to-postgres")) {
                routes.startRoute(route);
            }
            awaitCount(servers, true, questdbTable, w);
            awaitCount(servers, false, postgresTable, w);
            for (String route : List.of("kafka-to-questdb", "kafka-to-postgres")) {
                routes.stopRoute(route);
            }
            preload(servers, topic, w, w + n);

            String ilp = "http::addr=127.0.0.1:" + props.get("tickflow.questdb.http-port") + ";protocol_version=3;auto_flush=off;";
            int batch = Integer.parseInt(app.camelContext().resolvePropertyPlaceholders("{{tickflow.sink.batch-size}}"));
            exec(servers.questdbConnection(), "CREATE TABLE " + questdbTable + "_raw (LIKE " + questdbTable + ")");
            RawLimits.questdbClient(ilp, questdbTable + "_raw", warmupRows, batch);
            awaitCount(servers, true, questdbTable + "_raw", w);
            long t = System.nanoTime();
            RawLimits.questdbClient(ilp, questdbTable + "_raw", rows, batch);
            awaitCount(servers, true, questdbTable + "_raw", w + n);
            double questdbRaw = n / seconds(t);

            String questdbGroup = props.get("tickflow.sink.questdb.group-id");
            Run questdbRoute = runRoute(routes, "kafka-to-questdb", () -> committed(servers, questdbGroup) >= w + n,
                    () -> count(servers, true, questdbTable) - w, () -> count(servers, true, questdbTable) >= w + n);
            System.out.printf("(b) took %.1f s to queryable; its last offsets were committed (rows accepted over ILP) at %.1f s%n",
                    questdbRoute.seconds(), questdbRoute.committedAfter());
            double[] latencyP50P99 = latency(servers, latencyTopic, questdbTable, w + n);

            exec(servers.postgresConnection(), "CREATE TABLE " + postgresTable + "_raw (LIKE " + postgresTable + " INCLUDING ALL)");
            double copy;
            try (Connection c = servers.postgresConnection()) {
                RawLimits.postgresCopy(c, postgresTable + "_raw", warmupRows);
                t = System.nanoTime();
                RawLimits.postgresCopy(c, postgresTable + "_raw", rows);
                copy = n / seconds(t);
            }
            // the route COPYs over several connections at once: so can the limit
            exec(servers.postgresConnection(), "CREATE TABLE " + postgresTable + "_raw2 (LIKE " + postgresTable + " INCLUDING ALL)");
            RawLimits.postgresCopyParallel(servers::postgresConnection, postgresTable + "_raw2", warmupRows, consumers, batch);
            t = System.nanoTime();
            RawLimits.postgresCopyParallel(servers::postgresConnection, postgresTable + "_raw2", rows, consumers, batch);
            double parallelCopy = n / seconds(t);

            // PostgreSQL's count(*) reads the whole table, and asked every 20 ms it took the CPU the route
            // needed; the route commits a batch's offsets only once PostgreSQL has committed its rows
            String group = props.get("tickflow.sink.postgres.group-id");
            Check allCommitted = () -> committed(servers, group) >= w + n;
            Run postgresRoute = runRoute(routes, "kafka-to-postgres", allCommitted, () -> committed(servers, group) - w, allCommitted);
            if (count(servers, false, postgresTable) != w + n) {
                throw new IllegalStateException("the PostgreSQL route committed offsets of rows it had not stored");
            }

            exec(servers.postgresConnection(), "CREATE TABLE " + postgresTable + "_naive (LIKE " + postgresTable + " INCLUDING ALL)");
            int naiveMessages = Math.min(n, 50_000);
            double naive;
            try (Connection c = servers.postgresConnection()) {
                naive = RawLimits.naiveBridge(servers.kafkaBootstrap(), topic, c, postgresTable + "_naive",
                        Math.min(w, 5_000), naiveMessages);
            }

            table.add(new String[] {"(a) QuestDB client, raw limit", rate(questdbRaw), "", ""});
            table.add(new String[] {"(b) Kafka -> QuestDB route", rate(questdbRoute.rate(n)), ratio(questdbRoute.rate(n), questdbRaw)
                    + " of (a), target >= 50%", mb(questdbRoute.peakHeap)});
            table.add(new String[] {"(c) PostgreSQL COPY, raw limit", rate(copy), "", ""});
            table.add(new String[] {"(c2) the same COPY in batches, " + consumers + " connections", rate(parallelCopy), "", ""});
            table.add(new String[] {"(d) Kafka -> PostgreSQL route", rate(postgresRoute.rate(n)), ratio(postgresRoute.rate(n), copy)
                    + " of (c), target >= 40% (" + ratio(postgresRoute.rate(n), parallelCopy) + " of (c2)); "
                    + String.format("%.0fx", postgresRoute.rate(n) / naive) + " (e), target >= 40x", mb(postgresRoute.peakHeap)});
            table.add(new String[] {"(e) naive INSERT per message (" + naiveMessages + " msgs)", rate(naive), "", ""});
            print(n, table, latencyP50P99);
        } finally {
            servers.dropIsolated(props);
            System.exit(0);
        }
    }

    /** Tickflow's application.properties, as the jar has them. */
    private static Properties defaults() throws Exception {
        Properties defaults = new Properties();
        try (var in = SinkBenchmark.class.getResourceAsStream("/application.properties")) {
            defaults.load(in);
        }
        return defaults;
    }

    private static void preload(SharedServers servers, String topic, long from, long to) {
        long t = System.nanoTime();
        try (KafkaProducer<String, String> producer = Events.producer(servers.kafkaBootstrap())) {
            for (long i = from; i < to; i++) {
                // keyed as a feed of several instruments would be, so the events spread over the partitions
                producer.send(new ProducerRecord<>(topic, "binance:INSTRUMENT-" + i % 8, Events.trade(i)));
            }
        }
        System.out.printf("pre-loaded %,d trade events on Kafka in %.1f s%n", to - from, seconds(t));
    }

    private record Run(double seconds, long peakHeap, long firstRows, double committedAfter) {
        double rate(int n) {
            return (n - firstRows) / seconds;
        }
    }

    /** Starts a sink route on the pre-loaded topic and times it until the table holds every event. */
    /** Also notes when the route's consumer group had committed every offset, which may come before done. */
    private static Run runRoute(RouteController routes, String route, Check allCommitted, Count stored, Check done)
            throws Exception {
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        routes.startRoute(route);
        // timed from the first stored row: joining the consumer group is a one-off cost, not throughput
        long first = 0;
        while ((first = stored.count()) == 0) {
            Thread.sleep(5);
        }
        long t = System.nanoTime();
        double committedAfter = 0;
        while (!done.holds()) {
            if (committedAfter == 0 && allCommitted.holds()) {
                committedAfter = seconds(t);
            }
            Thread.sleep(20);
        }
        double took = seconds(t);
        sampler.interrupt();
        return new Run(took, peak.get(), first, committedAfter == 0 ? took : committedAfter);
    }

    /** Kafka -> queryable in QuestDB at 10,000 events/s for 10 s, on a one-partition topic so order is kept. */
    private static double[] latency(SharedServers servers, String topic, String table, long base) throws Exception {
        int rate = 10_000;
        int total = rate * 10;
        long[] sentAt = new long[total];
        long[] latencies = new long[total];
        Thread producer = new Thread(() -> {
            try (KafkaProducer<String, String> p = Events.producer(servers.kafkaBootstrap())) {
                long start = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    while (System.nanoTime() - start < i * 1_000_000_000L / rate) {
                        Thread.onSpinWait();
                    }
                    sentAt[i] = System.nanoTime();
                    p.send(new ProducerRecord<>(topic, "binance:BTC-USDT", Events.trade(base + i)));
                }
            }
        });
        producer.start();
        int seen = 0;
        while (seen < total) {
            int visible = (int) (count(servers, true, table) - base);
            long now = System.nanoTime();
            for (; seen < Math.min(visible, total); seen++) {
                latencies[seen] = now - sentAt[seen];
            }
            Thread.sleep(20);
        }
        producer.join();
        java.util.Arrays.sort(latencies);
        return new double[] {latencies[total / 2] / 1e6, latencies[(int) (total * 0.99)] / 1e6};
    }

    private static void print(int n, List<String[]> rows, double[] latency) {
        System.out.println();
        System.out.printf("Sink benchmark: %,d trade events, %d cores, %s, Java %s%n", n,
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("java.version"));
        System.out.printf("| %-44s | %14s | %-72s | %-10s |%n", "what", "rows/s", "against its limit", "peak heap");
        System.out.printf("|%s|%s|%s|%s|%n", "-".repeat(46), "-".repeat(16), "-".repeat(74), "-".repeat(12));
        for (String[] r : rows) {
            System.out.printf("| %-44s | %14s | %-72s | %-10s |%n", r[0], r[1], r[2], r[3]);
        }
        System.out.printf("%nKafka -> queryable in QuestDB at 10,000 events/s: p50 %.0f ms, p99 %.0f ms (target p99 < 1000 ms)%n",
                latency[0], latency[1]);
        System.out.println("(peak heap is the whole JVM's, which also hosts the embedded Kafka broker)");
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private interface Count {
        long count() throws Exception;
    }

    private static TradeRow row(long i) {
        Instant ts = Events.T0.plus(i, ChronoUnit.MICROS);
        return new TradeRow(ts, Events.T0.plus(i + 1500, ChronoUnit.MICROS), "binance", "BTC-USDT", "BTCUSDT",
                i % 2 == 0 ? "buy" : "sell", Events.price(i).toPlainString(), "0.00" + (1 + i % 97), String.valueOf(i));
    }

    /** The sum of a consumer group's committed offsets: how many records it has stored, on topics read from 0. */
    private static long committed(SharedServers servers, String group) throws Exception {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrap()));
        }
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values().stream()
                .mapToLong(OffsetAndMetadata::offset).sum();
    }

    private static void createTopic(String bootstrap, String topic) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    private static void awaitCount(SharedServers servers, boolean questdb, String table, long n) throws Exception {
        while (count(servers, questdb, table) < n) {
            Thread.sleep(20);
        }
    }

    /**
     * Rows in a table, asked over one kept-open connection per database: a new connection for
     * every poll cost the servers more CPU than the route being measured could spare.
     */
    private static long count(SharedServers servers, boolean questdb, String table) throws Exception {
        Connection connection = COUNTING.get(questdb);
        if (connection == null) {
            connection = questdb ? servers.questdbConnection() : servers.postgresConnection();
            COUNTING.put(questdb, connection);
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(Connection connection, String sql) throws Exception {
        try (connection; Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String rate(double perSecond) {
        return String.format("%,.0f", perSecond);
    }

    private static String ratio(double value, double limit) {
        return String.format("%.0f%%", 100 * value / limit);
    }

    private static String mb(long bytes) {
        return bytes / (1024 * 1024) + " MB";
    }

    private SinkBenchmark() {
    }
}
