package io.tickflow.embedded;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Kafka, QuestDB and PostgreSQL inside the JVM before Camel configures its routes, each only
 * when no external server is configured for it, and points the tickflow.* properties at them.
 * The embedded servers' ports have keys of their own (tickflow.*.embedded.*), so the keys that
 * address a server (host, port) only ever take values from one place.
 * They are stopped after Camel has stopped, so in-flight batches are flushed into live servers.
 */
public final class EmbeddedServices extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServices.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        start(main.getCamelContext());
    }

    /** Starts the servers that are not configured as external, before any route file is read. */
    public void start(CamelContext context) {
        PropertiesComponent pc = context.getPropertiesComponent();
        Path dataDir = Path.of(property(pc, "tickflow.data-dir", "./data"));
        try {
            if (isBlank(pc, "tickflow.kafka.brokers")) {
                EmbeddedKafka kafka = new EmbeddedKafka(dataDir,
                        intProperty(pc, "tickflow.kafka.embedded.port"),
                        intProperty(pc, "tickflow.kafka.embedded.controller-port"),
                        intProperty(pc, "tickflow.kafka.partitions")).start();
                started.push(kafka);
                pc.addOverrideProperty("tickflow.kafka.brokers", kafka.bootstrapServers());
            }
            if (isBlank(pc, "tickflow.questdb.host")) {
                EmbeddedQuestDb questdb = new EmbeddedQuestDb(dataDir,
                        intProperty(pc, "tickflow.questdb.embedded.http-port"),
                        intProperty(pc, "tickflow.questdb.embedded.pg-port")).start();
                started.push(questdb);
                pc.addOverrideProperty("tickflow.questdb.host", "127.0.0.1");
                pc.addOverrideProperty("tickflow.questdb.http-port", String.valueOf(questdb.httpPort()));
                pc.addOverrideProperty("tickflow.questdb.pg-port", String.valueOf(questdb.pgPort()));
            }
            if (isBlank(pc, "tickflow.postgres.host")) {
                EmbeddedPostgresServer postgres = new EmbeddedPostgresServer(dataDir,
                        intProperty(pc, "tickflow.postgres.embedded.port")).start();
                started.push(postgres);
                pc.addOverrideProperty("tickflow.postgres.host", "127.0.0.1");
                pc.addOverrideProperty("tickflow.postgres.port", String.valueOf(postgres.port()));
            }
        } catch (Exception e) {
            stopAll();
            throw new IllegalStateException("Could not start the embedded servers: " + e.getMessage(), e);
        }
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        stopAll();
    }

    /** Stops what was started, newest first. */
    public synchronized void stopAll() {
        while (!started.isEmpty()) {
            AutoCloseable service = started.pop();
            try {
                service.close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", service.getClass().getSimpleName(), e.getMessage(), e);
            }
        }
    }

    private static boolean isBlank(PropertiesComponent pc, String key) {
        return pc.resolveProperty(key).map(String::isBlank).orElse(true);
    }

    private static String property(PropertiesComponent pc, String key, String defaultValue) {
        return pc.resolveProperty(key).filter(v -> !v.isBlank()).orElse(defaultValue);
    }

    private static int intProperty(PropertiesComponent pc, String key) {
        String value = pc.resolveProperty(key)
                .orElseThrow(() -> new IllegalStateException("Missing property " + key));
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Property " + key + " must be a port number, was '" + value + "'", e);
        }
    }
}
