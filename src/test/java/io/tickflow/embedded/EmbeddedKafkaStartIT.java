package io.tickflow.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.tickflow.testing.LogLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded Kafka's first start on an empty data directory, its restart on the log it wrote
 * (every later run of the embedded default) and its stops warn of nothing. Kafka 3.9 warns at a
 * controller's activation that the metadata log is empty, or, on a restart, that it found no
 * ZooKeeper migration state, "expected because this is a de-novo KRaft cluster": both are
 * expected here, and log4j2.properties filters them.
 */
class EmbeddedKafkaStartIT {

    @TempDir
    Path dataDir;

    @Test
    void aFirstStartARestartAndTheirStopsWarnOfNothing() throws Exception {
        List<String> lines;
        try (LogLines kafka = LogLines.of("org.apache.kafka"); LogLines broker = LogLines.of("kafka")) {
            for (int start = 0; start < 2; start++) {
                try (EmbeddedKafka embedded = new EmbeddedKafka(dataDir, 0, 0, 1).start()) {
                    assertTrue(embedded.bootstrapServers().startsWith("127.0.0.1:"), embedded.bootstrapServers());
                }
            }
            lines = Stream.concat(kafka.lines().stream(), broker.lines().stream()).toList();
        }
        List<String> warnings = lines.stream().filter(line -> line.startsWith("WARN") || line.startsWith("ERROR")).toList();
        assertEquals(List.of(), warnings);
    }
}
