package io.tickflow.jbang;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import io.tickflow.testing.Await;
import io.tickflow.testing.Ports;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.StoredTicks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routes, connectors and REST files run under Camel JBang (bin/camel run, as the README says)
 * with Tickflow's classes as a dependency, against the shared servers as external ones: the
 * simulator's ticks reach Kafka and, through the sink and the pools, PostgreSQL.
 * The first run downloads JBang, Camel JBang and the components from Maven Central.
 */
class CamelJBangIT {

    private static final String VERSION = "0.1.0-SNAPSHOT";

    private final SharedServers servers = SharedServers.get();
    private Map<String, String> props;
    private Process camel;

    @BeforeEach
    void isolate() throws IOException {
        props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.simulator.count", "5");
        props.put("tickflow.simulator.period-ms", "200");
        props.put("tickflow.http.host", "127.0.0.1");
        props.put("tickflow.http.port", String.valueOf(Ports.free()));
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (camel != null) {
            // the JVM camel run started and anything it started, then camel run itself
            camel.descendants().forEach(ProcessHandle::destroyForcibly);
            camel.destroyForcibly().waitFor();
        }
        servers.dropIsolated(props);
    }

    @Test
    void simulatorTicksArriveUnderCamelRun() throws Exception {
        installTickflow();
        Path settings = Path.of("target", "camel-jbang-test.properties");
        Properties p = new Properties();
        p.putAll(props);
        try (OutputStream out = Files.newOutputStream(settings)) {
            p.store(out, "CamelJBangIT: the shared test servers as external servers, with names of its own");
        }
        Path log = Path.of("target", "camel-jbang-test.log");
        camel = new ProcessBuilder("bash", "bin/camel", "run", "--dep=io.tickflow:tickflow:" + VERSION,
                "--logging-config-path=resources/log4j2.properties", "resources/application.properties", "camel-jbang.properties", settings.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        String topic = props.get("tickflow.simulator.topic");
        // a first run on a clean machine also downloads Camel JBang (about 45 MB) from Maven Central
        Await.until(Duration.ofSeconds(300), "ticks on " + topic + " from camel run (log: " + log + ")", () -> {
            if (!camel.isAlive()) {
                throw new AssertionError("camel run exited with " + camel.exitValue() + ", see " + log);
            }
            return StoredTicks.inTopic(servers.kafkaBootstrap(), topic).size() >= 10;
        });
        Await.until(Duration.ofSeconds(60), "ticks in PostgreSQL from camel run's sink", () -> {
            try (Connection c = servers.postgresConnection()) {
                return StoredTicks.count(c, props.get("tickflow.sink.postgres.records-table")) >= 10;
            }
        });
    }

    /**
     * What `mvn install` does, with the classes this build just compiled: camel run resolves
     * Tickflow and its dependencies from the Maven local repository by its coordinates.
     */
    private static void installTickflow() throws IOException {
        Path dir = Path.of(System.getProperty("tickflow.test.local-repository"), "io", "tickflow", "tickflow", VERSION);
        Files.createDirectories(dir);
        Files.copy(Path.of("pom.xml"), dir.resolve("tickflow-" + VERSION + ".pom"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path classes = Path.of("target", "classes");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(dir.resolve("tickflow-" + VERSION + ".jar")));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }
        // Maven Resolver's record that both files were installed here rather than downloaded
        Files.writeString(dir.resolve("_remote.repositories"),
                "tickflow-" + VERSION + ".jar>=\ntickflow-" + VERSION + ".pom>=\n");
    }

}
