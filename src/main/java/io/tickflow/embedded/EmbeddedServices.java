package io.tickflow.embedded;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.tickflow.storage.DataSources;
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

    /**
     * Starts the servers that are not configured as external, before any route file is read. They
     * start at the same time, each on a thread of its own: one after the other they took about 6 s
     * of a 10 s start-up, mostly waiting (Kafka's controller election, PostgreSQL's process, QuestDB's
     * table scan), so together they take about as long as the slowest.
     */
    public void start(CamelContext context) {
        PropertiesComponent pc = context.getPropertiesComponent();
        Path dataDir = Path.of(property(pc, "tickflow.data-dir", "./data"));
        CompletableFuture<EmbeddedKafka> kafka = isBlank(pc, "tickflow.kafka.brokers")
                ? starting("kafka", () -> new EmbeddedKafka(dataDir,
                        intProperty(pc, "tickflow.kafka.embedded.port"),
                        intProperty(pc, "tickflow.kafka.embedded.controller-port"),
                        intProperty(pc, "tickflow.kafka.partitions")).start())
                : null;
        CompletableFuture<EmbeddedQuestDb> questdb = isBlank(pc, "tickflow.questdb.host")
                ? starting("questdb", () -> new EmbeddedQuestDb(dataDir,
                        intProperty(pc, "tickflow.questdb.embedded.http-port"),
                        intProperty(pc, "tickflow.questdb.embedded.pg-port")).start())
                : null;
        CompletableFuture<EmbeddedPostgresServer> postgres = isBlank(pc, "tickflow.postgres.host") && DataSources.postgresEnabled(pc)
                ? starting("postgres", () -> new EmbeddedPostgresServer(dataDir,
                        intProperty(pc, "tickflow.postgres.embedded.port")).start())
                : null;
        // every start is awaited, so that a failed one leaves none of the others running
        Exception failure = null;
        for (CompletableFuture<? extends AutoCloseable> server : Arrays.asList(kafka, questdb, postgres)) {
            try {
                if (server != null) {
                    // in this order, whatever order they finished in: stopped newest first, Kafka last
                    started.push(server.join());
                }
            } catch (CompletionException e) {
                failure = failure == null ? (Exception) e.getCause() : failure;
            }
        }
        if (failure != null) {
            stopAll();
            throw new IllegalStateException("Could not start the embedded servers: " + failure.getMessage(), failure);
        }
        if (kafka != null) {
            pc.addOverrideProperty("tickflow.kafka.brokers", kafka.join().bootstrapServers());
        }
        if (questdb != null) {
            pc.addOverrideProperty("tickflow.questdb.host", "127.0.0.1");
            pc.addOverrideProperty("tickflow.questdb.http-port", String.valueOf(questdb.join().httpPort()));
            pc.addOverrideProperty("tickflow.questdb.pg-port", String.valueOf(questdb.join().pgPort()));
        }
        if (postgres != null) {
            pc.addOverrideProperty("tickflow.postgres.host", "127.0.0.1");
            pc.addOverrideProperty("tickflow.postgres.port", String.valueOf(postgres.join().port()));
        }
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
                result.completeExceptionally(e instanceof Exception ? e : new IllegalStateException(e.toString(), e));
            }
        }, "embedded-" + name + "-start");
        thread.start();
        return result;
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
