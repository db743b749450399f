package io.tickflow.startup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tickflow.testing.Await;
import io.tickflow.testing.ChildJvm;
import io.tickflow.testing.Events;
import io.tickflow.testing.Ports;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.SinkOnlyRoutes;
import io.tickflow.testing.StoredTicks;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README's launch, {@code java -XX:SharedArchiveFile=target/tickflow.jsa -jar target/tickflow.jar}:
 * the package phase's training run made an archive this JDK maps with these jars, holding the
 * classes a start and the sinks load (the verification that runs at every launch, here with
 * -Xshare:on, so that an archive the JVM cannot use is an error, not a start without it).
 */
class ClassDataArchiveIT {

    private static final Path JAR = Path.of("target", "tickflow.jar");
    private static final Path ARCHIVE = Path.of("target", "tickflow.jsa");

    @Test
    void theBuildsArchiveFitsThisJdkAndTheJarsAndHoldsTheClassesOfAStart() throws Exception {
        assertTrue(Files.isRegularFile(ARCHIVE), "mvn package makes " + ARCHIVE);
        Process jvm = new ProcessBuilder(ChildJvm.java(), "-Xshare:on", "-XX:SharedArchiveFile=" + ARCHIVE,
                "-XX:+PrintSharedArchiveAndExit", "-jar", JAR.toString()).redirectErrorStream(true).start();
        String printed = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(jvm.waitFor(60, TimeUnit.SECONDS), "the JVM printed the archive and exited");
        assertEquals(0, jvm.exitValue(), "the archive is usable: " + printed.lines().filter(line -> !line.contains(" ok"))
                .limit(20).toList());
        for (String type : List.of("org.apache.camel.main.Main", "io.tickflow.Tickflow", "io.tickflow.sink.QuestDbWriter",
                "org.apache.kafka.clients.consumer.KafkaConsumer", "io.vertx.core.http.impl.HttpServerWorker", "io.questdb.ServerMain")) {
            assertTrue(printed.contains(": " + type + " app_loader"), type + " is in the archive");
        }
    }

    /**
     * README's sink of QuestDB alone, launched with the archive against the shared servers: it
     * stores a trade, with Tickflow's, Camel's and the sink's classes mapped from the archive.
     */
    @Test
    void aLaunchWithTheArchiveStoresEventsOnClassesFromIt() throws Exception {
        SharedServers servers = SharedServers.get();
        Map<String, String> props = new HashMap<>(servers.isolatedProperties());
        props.put("camel.main.routes-include-pattern", SinkOnlyRoutes.README);
        props.put("tickflow.postgres.enabled", "false");
        props.put("tickflow.http.port", String.valueOf(Ports.free()));
        Path classLoads = Files.createTempFile("tickflow-class-loads", ".log");
        Path output = Files.createTempFile("tickflow-archive-launch", ".log");
        try {
            Events.send(servers.kafkaBootstrap(), props.get("tickflow.topics.trades"), "binance:BTC-USDT", List.of(Events.trade(1)));
            Process process = new ProcessBuilder(ChildJvm.tickflowJar(List.of("-Xmx512m", "-Xshare:on",
                    "-XX:SharedArchiveFile=" + ARCHIVE, "-Xlog:class+load=info:file=" + classLoads), props))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                Await.until(ofSeconds(60), "the trade in QuestDB", () -> {
                    try (Connection questdb = servers.questdbConnection()) {
                        return !process.isAlive() || StoredTicks.count(questdb, props.get("tickflow.sink.questdb.trades-table")) == 1;
                    }
                });
                assertTrue(process.isAlive(), "Tickflow exited: " + Files.readString(output));
            } finally {
                process.destroy();
                process.waitFor(60, TimeUnit.SECONDS);
            }
            String loads = Files.readString(classLoads);
            for (String type : List.of("io.tickflow.Tickflow", "org.apache.camel.main.Main", "io.tickflow.sink.QuestDbWriter")) {
                assertTrue(loads.contains(" " + type + " source: shared objects file (top)"), type + " mapped from the archive");
            }
            assertFalse(Files.readString(output).contains("[cds"), "the JVM had nothing to say of the archive");
        } finally {
            Files.delete(classLoads);
            Files.delete(output);
            servers.dropIsolated(props);
        }
    }

    @Test
    void readmesFirstCommandLaunchesWithTheArchive() throws Exception {
        String firstCommand = Files.readAllLines(Path.of("README.md")).stream().filter(line -> line.startsWith("mvn ")).findFirst()
                .orElseThrow();
        assertTrue(firstCommand.contains("java -XX:SharedArchiveFile=" + ARCHIVE + " -jar " + JAR), firstCommand);
    }
}
