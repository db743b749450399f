package io.tickflow.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.questdb.ServerMain;
import io.questdb.log.LogFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A QuestDB server running inside this JVM: HTTP (REST and ILP) and PostgreSQL wire. */
public final class EmbeddedQuestDb implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedQuestDb.class);
    private static final Logger QUESTDB_CONSOLE = LoggerFactory.getLogger(QuestDbLogWriter.LOGGER_PREFIX + ".console");

    private final Path root;
    private final int httpPort;
    private final int pgPort;
    private ServerMain server;

    public EmbeddedQuestDb(Path dataDir, int httpPort, int pgPort) {
        this.root = dataDir.resolve("questdb");
        this.httpPort = Ports.resolve(httpPort);
        this.pgPort = Ports.resolve(pgPort);
    }

    public EmbeddedQuestDb start() throws IOException {
        Files.createDirectories(root.resolve("conf"));
        writeLogConfig();
        LogFactory.configureRootDir(root.toAbsolutePath().toString());
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("QDB_HTTP_BIND_TO", "127.0.0.1:" + httpPort);
        env.put("QDB_PG_NET_BIND_TO", "127.0.0.1:" + pgPort);
        env.put("QDB_HTTP_MIN_ENABLED", "false");
        env.put("QDB_LINE_TCP_ENABLED", "false");
        env.put("QDB_LINE_UDP_ENABLED", "false");
        env.put("QDB_TELEMETRY_ENABLED", "false");
        env.put("QDB_SHARED_WORKER_COUNT", "2");
        // QuestDB's idle workers call sched_yield thousands of times before they nap, as if they had
        // the machine to themselves; in Tickflow's JVM they share it with Kafka and the routes, so
        // they nap (1 ms) soon instead. In the sink benchmark on 2 cores this took system time from
        // about 30% of the CPU to 14%, and context switches from 59,000/s to 7,000/s.
        env.put("QDB_SHARED_WORKER_NAP_THRESHOLD", "100");
        env.put("QDB_WAL_APPLY_WORKER_YIELD_THRESHOLD", "10");
        env.put("QDB_WAL_APPLY_WORKER_NAP_THRESHOLD", "100");
        // QuestDB prints where its log configuration comes from as its log is set up
        server = ConsoleToLog.run(QUESTDB_CONSOLE, () -> {
            ServerMain created = ServerMain.create(root.toAbsolutePath().toString(), env);
            created.start();
            return created;
        });
        LOG.info("Embedded QuestDB: HTTP/ILP on 127.0.0.1:{}, PG wire on 127.0.0.1:{}", httpPort, pgPort);
        OsLimits.check().ifPresent(LOG::info);
        return this;
    }

    /**
     * QuestDB logs through its own log framework, configured by this file; its writer hands every
     * record to Tickflow's log (QuestDbLogWriter), at the level of the logger io.questdb. QuestDB
     * reads it once per JVM, when its first server starts.
     */
    private void writeLogConfig() throws IOException {
        Files.writeString(root.resolve("conf").resolve("log.conf"), """
            # Written by Tickflow at every start: QuestDB's records go to Tickflow's log, logger io.questdb
            writers=tickflow
            w.tickflow.class=%s
            w.tickflow.level=%s
            """.formatted(QuestDbLogWriter.class.getName(), QuestDbLogWriter.questDbLevel()), StandardCharsets.UTF_8);
    }

    public int httpPort() {
        return httpPort;
    }

    public int pgPort() {
        return pgPort;
    }

    @Override
    public void close() {
        if (server != null) {
            // QuestDB prints that it is shutting down to System.out and System.err
            ConsoleToLog.run(QUESTDB_CONSOLE, () -> {
                server.close();
                return null;
            });
            server = null;
        }
    }
}
