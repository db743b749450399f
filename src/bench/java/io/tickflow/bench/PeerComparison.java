package io.tickflow.bench;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.questdb.client.Sender;
import io.tickflow.Tickflow;
import io.tickflow.testing.Events;
import io.tickflow.testing.SharedServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Tickflow's kafka-to-questdb route against the standard peer, Kafka Connect with QuestDB's sink
 * connector (shared/peers/kafka-questdb-connector), each in a JVM of its own, on the same servers
 * and the same pre-loaded trade events, in alternating rounds. The peer is configured as its
 * README says, with tasks.max equal to Tickflow's consumers and its table created beforehand with
 * Tickflow's DDL for trades; Tickflow runs as README launches it (its jar with the class-data
 * archive, {@link TickflowJar}) with only the QuestDB sink on.
 */
final class PeerComparison {

    static final String PEER_JAR = "kafka-questdb-connector-0.23.jar";
    private static final double TARGET_RATIO = 1.5;

    private final SharedServers servers;
    private final int n;
    private final int consumers;
    private final Path work = Path.of("target", "sink-jvms").toAbsolutePath();
    private final String topic;

    PeerComparison(SharedServers servers, int n, int consumers, String topic) {
        this.servers = servers;
        this.n = n;
        this.consumers = consumers;
        this.topic = topic;
    }

    /** Runs the rounds and prints them with the medians, ratios and verdicts. */
    void run(int rounds) throws Exception {
        Path peerDir = Path.of(System.getProperty("bench.peer-dir", "../shared/peers/kafka-questdb-connector")).toAbsolutePath().normalize();
        boolean peer = Files.isRegularFile(peerDir.resolve(PEER_JAR));
        if (System.getProperty("bench.tickflow-routes") != null) {
            System.out.println("Tickflow reads only the route files " + System.getProperty("bench.tickflow-routes"));
        }
        if (!peer) {
            System.out.println("The peer is absent (no " + peerDir.resolve(PEER_JAR) + "): Tickflow is measured alone");
        }
        createTopic();
        String connectClasspath = peer ? connectClasspath() : null;
        Path plugins = peer ? plugins(peerDir) : null;
        List<String> peerClassData = List.of();
        if (peer && Boolean.getBoolean("bench.peer-class-data")) {
            // as README's class-data archive is made for Tickflow: a training run of the peer, not counted
            Path archive = work.resolve("peer.jsa");
            Files.deleteIfExists(archive);
            System.out.println("training run of the peer for its class-data archive (not counted):");
            print(runPeer(0, connectClasspath, plugins, List.of("-XX:ArchiveClassesAtExit=" + archive)));
            peerClassData = List.of("-XX:SharedArchiveFile=" + archive);
        }
        List<SinkJvm.Result> peerRuns = new ArrayList<>();
        List<SinkJvm.Result> tickflowRuns = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            if (peer) {
                peerRuns.add(runPeer(round, connectClasspath, plugins, peerClassData));
                print(peerRuns.get(peerRuns.size() - 1));
            }
            tickflowRuns.add(runTickflow(round));
            print(tickflowRuns.get(tickflowRuns.size() - 1));
        }
        summary(peerRuns, tickflowRuns);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrap()))) {
            admin.deleteTopics(List.of(topic)).all().get();
        }
    }

    /** classData: the peer's class-data archive options (-Dbench.peer-class-data=true), none by default. */
    private SinkJvm.Result runPeer(int round, String classpath, Path plugins, List<String> classData) throws Exception {
        String table = "trades_peer_" + System.nanoTime();
        Path dir = Files.createDirectories(work.resolve("peer-" + round));
        try (Connection questdb = servers.questdbConnection(); Statement s = questdb.createStatement()) {
            s.execute(tradesDdl(table));
        }
        Path worker = dir.resolve("worker.properties");
        Files.writeString(worker, String.join("\n",
                "bootstrap.servers=" + servers.kafkaBootstrap(),
                "key.converter=org.apache.kafka.connect.json.JsonConverter",
                "value.converter=org.apache.kafka.connect.json.JsonConverter",
                "key.converter.schemas.enable=true",
                "value.converter.schemas.enable=true",
                "offset.storage.file.filename=" + dir.resolve("connect.offsets"),
                "offset.flush.interval.ms=10000",
                "plugin.path=" + plugins,
                "listeners=http://127.0.0.1:" + freePort()) + "\n");
        Path connector = dir.resolve("connector.properties");
        Files.writeString(connector, String.join("\n",
                // a name per round, so each round is a consumer group of its own that reads the topic from the start
                "name=questdb-peer-" + table,
                "connector.class=io.questdb.kafka.QuestDBSinkConnector",
                "tasks.max=" + consumers,
                "topics=" + topic,
                "client.conf.string=http::addr=127.0.0.1:" + questdbHttpPort() + ";",
                "table=" + table,
                "key.converter=org.apache.kafka.connect.storage.StringConverter",
                "value.converter=org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable=false",
                "include.key=false",
                "transforms=shape",
                "transforms.shape.type=org.apache.kafka.connect.transforms.ReplaceField$Value",
                "transforms.shape.exclude=type",
                "transforms.shape.renames=rawSymbol:raw_symbol,receivedTs:received_ts,tradeId:trade_id",
                "symbols=exchange,symbol,raw_symbol,side",
                "timestamp.field.name=ts",
                "timestamp.string.fields=received_ts",
                "timestamp.string.format=yyyy-MM-ddTHH:mm:ss.SSSUUUZ") + "\n");
        List<String> arguments = new ArrayList<>(classData);
        arguments.addAll(List.of("org.apache.kafka.connect.cli.ConnectStandalone", worker.toString(), connector.toString()));
        List<String> command = SinkJvm.command(classpath, arguments);
        return measure("Kafka Connect + QuestDB connector" + (classData.isEmpty() ? "" : ", class-data archive"), command,
                dir.resolve("output.log"), table, round);
    }

    private SinkJvm.Result runTickflow(int round) throws Exception {
        Map<String, String> props = new HashMap<>(servers.isolatedProperties());
        String table = props.get("tickflow.sink.questdb.trades-table");
        props.put("tickflow.sink.questdb.topics", topic);
        props.put("tickflow.sink.consumers", String.valueOf(consumers));
        props.put("tickflow.sink.postgres.enabled", "false");
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        props.put("tickflow.http.host", "127.0.0.1");
        props.put("tickflow.http.port", String.valueOf(freePort()));
        List<String> arguments = new ArrayList<>();
        arguments.add("-Dlog4j2.level=WARN");
        // -Dbench.tickflow-routes: the route files Tickflow reads (camel.main.routes-include-pattern), e.g.
        // only the sink's, as README's "Tickflow as a sink only" runs it; all of them when not given
        String routes = System.getProperty("bench.tickflow-routes");
        if (routes != null) {
            arguments.add("-Dcamel.main.routes-include-pattern=" + routes);
            // QuestDB alone, as README's sink-only instance in place of Kafka Connect: no PostgreSQL
            props.put("tickflow.postgres.enabled", "false");
        }
        props.forEach((key, value) -> arguments.add("-D" + key + "=" + value));
        String sink = routes == null ? "Tickflow kafka-to-questdb" : "Tickflow kafka-to-questdb (only bench.tickflow-routes)";
        List<String> command;
        if (TickflowJar.packaged()) {
            // as its users launch it: README's java -XX:SharedArchiveFile=... -jar target/tickflow.jar
            List<String> options = new ArrayList<>(SinkJvm.JVM_OPTIONS);
            options.addAll(arguments);
            command = TickflowJar.command(options);
            sink += command.stream().anyMatch(option -> option.startsWith("-XX:SharedArchiveFile")) ? ", jar + class-data archive" : ", jar";
        } else {
            System.out.println(TickflowJar.jar() + " is missing (mvn -B -q -DskipTests package): Tickflow runs from the classes");
            arguments.add(Tickflow.class.getName());
            command = SinkJvm.command(SinkJvm.ownClasspath(), arguments);
        }
        try {
            return measure(sink, command, work.resolve("tickflow-" + round).resolve("output.log"), table, round);
        } finally {
            servers.dropIsolated(props);
        }
    }

    private SinkJvm.Result measure(String sink, List<String> command, Path log, String table, int round) throws Exception {
        System.out.printf("round %d: %s on %,d events...%n", round, sink, n);
        SinkJvm.Result result;
        try (Connection questdb = servers.questdbConnection()) {
            boolean[] created = {false};
            result = SinkJvm.run(sink, command, log, () -> {
                created[0] = created[0] || exists(questdb, table);
                return created[0] ? rows(questdb, table) : 0;
            }, n);
            checkStoredOnceExactly(questdb, table);
        } finally {
            try (Connection questdb = servers.questdbConnection(); Statement s = questdb.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        }
        return result;
    }

    /** Asked of tables(): QuestDB logs a query of a missing table as an error. */
    private static boolean exists(Connection questdb, String table) throws SQLException {
        try (Statement s = questdb.createStatement();
                ResultSet rs = s.executeQuery("SELECT count() FROM tables() WHERE table_name = '" + table + "'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    /** 0 while the table is listed but not yet queryable, as it can be for a moment after its creation. */
    private static long rows(Connection questdb, String table) {
        try (Statement s = questdb.createStatement(); ResultSet rs = s.executeQuery("SELECT count() FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return 0;
        }
    }

    /** Every trade id once, with its exact price and amount. */
    private void checkStoredOnceExactly(Connection questdb, String table) throws SQLException {
        boolean[] seen = new boolean[n];
        long count = 0;
        try (Statement s = questdb.createStatement();
                ResultSet rs = s.executeQuery("SELECT trade_id, price, amount FROM " + table)) {
            while (rs.next()) {
                int i = Integer.parseInt(rs.getString(1));
                if (seen[i]) {
                    throw new IllegalStateException(table + ": trade " + i + " stored twice");
                }
                seen[i] = true;
                count++;
                if (new BigDecimal(rs.getString(2)).compareTo(Events.price(i)) != 0
                        || new BigDecimal(rs.getString(3)).compareTo(new BigDecimal("0.00" + (1 + i % 97))) != 0) {
                    throw new IllegalStateException(table + ": trade " + i + " stored as price " + rs.getString(2)
                            + ", amount " + rs.getString(3));
                }
            }
        }
        if (count != n) {
            throw new IllegalStateException(table + " holds " + count + " rows, not " + n);
        }
    }

    private void createTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        long t = System.nanoTime();
        try (KafkaProducer<String, String> producer = Events.producer(servers.kafkaBootstrap())) {
            for (long i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, "binance:INSTRUMENT-" + i % 8, Events.trade(i)));
            }
        }
        System.out.printf("pre-loaded %,d trade events on %s in %.1f s%n", n, topic, (System.nanoTime() - t) / 1e9);
    }

    /** The Connect runtime's classpath, resolved by Maven from bench/kafka-connect/pom.xml. */
    private String connectClasspath() throws Exception {
        Path output = Files.createDirectories(work).resolve("kafka-connect-classpath.txt");
        Process mvn = new ProcessBuilder("mvn", "-B", "-q", "-f", Path.of("bench", "kafka-connect", "pom.xml").toString(),
                "dependency:build-classpath", "-Dmdep.outputFile=" + output)
                .redirectErrorStream(true).redirectOutput(work.resolve("kafka-connect-maven.log").toFile()).start();
        if (!mvn.waitFor(10, TimeUnit.MINUTES) || mvn.exitValue() != 0) {
            throw new IllegalStateException("Maven could not resolve Kafka Connect: see " + work.resolve("kafka-connect-maven.log"));
        }
        return Files.readString(output).trim();
    }

    /** The plugin folder: the shared connector jar and the QuestDB client it needs. */
    private Path plugins(Path peerDir) throws Exception {
        Path plugin = Files.createDirectories(work.resolve("plugins").resolve("questdb"));
        Files.copy(peerDir.resolve(PEER_JAR), plugin.resolve(PEER_JAR), StandardCopyOption.REPLACE_EXISTING);
        Path client = Path.of(Sender.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.copy(client, plugin.resolve(client.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return plugin.getParent();
    }

    /** Tickflow's CREATE TABLE for trades, from its QuestDB schema, for another table name. */
    private static String tradesDdl(String table) throws Exception {
        String schema = Files.readString(Path.of("resources", "sql", "questdb-schema.sql"));
        return Arrays.stream(schema.split(";")).filter(s -> s.contains("{{tickflow.sink.questdb.trades-table}}"))
                .findFirst().orElseThrow().replaceAll("(?m)^--.*$", "").trim()
                .replace("{{tickflow.sink.questdb.trades-table}}", table);
    }

    private String questdbHttpPort() {
        return servers.isolatedProperties().get("tickflow.questdb.http-port");
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void print(SinkJvm.Result r) {
        System.out.printf("  %s: first row after %.1f s; %,.0f rows/s; %,.0f rows per CPU-second while ingesting (%.1f us/row),"
                + " %,.0f with start-up (%.1f CPU-s in all); load %s%n", r.sink(), r.firstRowSeconds(), r.rowsPerSecond(),
                r.rowsPerCpuSecond(), r.cpuMicrosPerRow(), r.rowsPerCpuSecondWithStartup(), r.cpuSeconds(), r.load());
    }

    private void summary(List<SinkJvm.Result> peer, List<SinkJvm.Result> tickflow) {
        System.out.printf("%nPeer comparison: %,d trade events, %d consumers / tasks.max=%d, %d round(s), medians:%n",
                n, consumers, consumers, tickflow.size());
        System.out.printf("| %-44s | %14s | %14s | %7s | %-24s |%n", "", "peer", "Tickflow", "ratio", "verdict");
        System.out.printf("|%s|%s|%s|%s|%s|%n", "-".repeat(46), "-".repeat(16), "-".repeat(16), "-".repeat(9), "-".repeat(26));
        line("rows/s (first row to last)", peer, tickflow, SinkJvm.Result::rowsPerSecond, "%,.0f", true);
        line("rows per sink CPU-second while ingesting", peer, tickflow, SinkJvm.Result::rowsPerCpuSecond, "%,.0f", true);
        line("rows per sink CPU-second with start-up", peer, tickflow, SinkJvm.Result::rowsPerCpuSecondWithStartup, "%,.0f", true);
        line("CPU-us per row while ingesting", peer, tickflow, SinkJvm.Result::cpuMicrosPerRow, "%.1f", false);
        line("launch to first stored row, s", peer, tickflow, SinkJvm.Result::firstRowSeconds, "%.1f", false);
    }

    /** A figure's medians and their ratio; targets: 1.5x for the rates, at most the peer's for the first row. */
    private static void line(String what, List<SinkJvm.Result> peer, List<SinkJvm.Result> tickflow,
            ToDoubleFunction<SinkJvm.Result> figure, String format, boolean higherIsBetter) {
        double t = median(tickflow, figure);
        if (peer.isEmpty()) {
            System.out.printf("| %-44s | %14s | %14s | %7s | %-24s |%n", what, "absent", String.format(format, t), "", "no peer");
            return;
        }
        double p = median(peer, figure);
        String verdict;
        if (what.startsWith("launch")) {
            verdict = t <= p ? "met (<= peer's)" : "NOT met (target <= peer's)";
        } else if (higherIsBetter) {
            verdict = t / p >= TARGET_RATIO ? "met (>= 1.5x)" : "NOT met (target >= 1.5x)";
        } else {
            verdict = "";
        }
        System.out.printf("| %-44s | %14s | %14s | %6.2fx | %-24s |%n", what, String.format(format, p), String.format(format, t),
                t / p, verdict);
    }

    private static double median(List<SinkJvm.Result> runs, ToDoubleFunction<SinkJvm.Result> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
