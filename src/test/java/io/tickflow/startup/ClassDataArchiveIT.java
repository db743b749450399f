package io.tickflow.startup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tickflow.testing.ChildJvm;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void readmesFirstCommandLaunchesWithTheArchive() throws Exception {
        String firstCommand = Files.readAllLines(Path.of("README.md")).stream().filter(line -> line.startsWith("mvn ")).findFirst()
                .orElseThrow();
        assertTrue(firstCommand.contains("java -XX:SharedArchiveFile=" + ARCHIVE + " -jar " + JAR), firstCommand);
    }
}
