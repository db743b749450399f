package io.tickflow.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real PostgreSQL server (binaries from Maven Central) managed by this JVM. */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;

    public EmbeddedPostgresServer(Path dataDir, int port) {
        this.dataDir = dataDir.resolve("postgres");
        this.port = Ports.resolve(port);
    }

    public EmbeddedPostgresServer start() throws IOException {
        Files.createDirectories(dataDir.getParent());
        LeftoverPostgres.stopIfRunning(dataDir);
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                // zonky turns these off for speed; a pipeline that promises no loss needs them on
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                // Tickflow stops the server itself, after Camel has flushed
                .setRegisterShutdownHook(false)
                .start();
        LOG.info("Embedded PostgreSQL on 127.0.0.1:{} (data in {})", port, dataDir);
        return this;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
