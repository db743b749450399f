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
        server = ServerMain.create(root.toAbsolutePath().toString(), env);
        server.start();
        LOG.info("Embedded QuestDB: HTTP/ILP on 127.0.0.1:{}, PG wire on 127.0.0.1:{}", httpPort, pgPort);
        return this;
    }

    /** QuestDB logs through its own logger; keep it to errors unless the user wrote a log.conf. */
    private void writeLogConfig() throws IOException {
        Path logConf = root.resolve("conf").resolve("log.conf");
        if (!Files.exists(logConf)) {
            Files.writeString(logConf, """
                writers=stdout
                w.stdout.class=io.questdb.log.LogConsoleWriter
                w.stdout.level=ERROR
                """, StandardCharsets.UTF_8);
        }
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
            server.close();
            server = null;
        }
    }
}
