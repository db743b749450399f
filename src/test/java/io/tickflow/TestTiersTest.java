package io.tickflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keeps the two test tiers honest: `mvn test` runs the `*Test` classes and must stay fast, so a
 * test that starts Tickflow, the shared embedded servers, a browser or another process is an
 * `*IT`, run by failsafe in `mvn verify`. A class in the wrong tier either slows every unit run
 * or hides from it.
 */
class TestTiersTest {

    private static final Path TESTS = Path.of("src/test/java");

    /** What only a test on real servers or processes uses. */
    private static final Pattern REAL_SERVERS = Pattern.compile(
            "\\b(SharedServers|RunningTickflow|Browser|ReplayServer\\.start|new ReplayServer|Embedded(Kafka|QuestDb|Postgres)"
                    + "|PostgresChild|ProcessBuilder|new ExchangeRestReplay)\\b");

    @Test
    void unitTestsStartNoServerAndNoProcess() throws IOException {
        assertEquals(List.of(), classesNamed("Test.java").filter(TestTiersTest::usesRealServers).toList(),
                "these *Test classes use real servers or processes: name them *IT");
    }

    @Test
    void testsOnRealServersAreNamedIt() throws IOException {
        List<Path> misnamed = javaFiles()
                .filter(f -> !f.toString().endsWith("Test.java") && !f.toString().endsWith("IT.java"))
                .filter(TestTiersTest::hasTests)
                .toList();
        assertEquals(List.of(), misnamed, "test classes that neither tier runs: name them *Test or *IT");
    }

    private static Stream<Path> classesNamed(String suffix) throws IOException {
        return javaFiles()
                .filter(f -> f.getFileName().toString().endsWith(suffix))
                .filter(f -> !f.endsWith("io/tickflow/TestTiersTest.java"));
    }

    private static Stream<Path> javaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(TESTS)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
        }
    }

    private static boolean usesRealServers(Path file) {
        return REAL_SERVERS.matcher(read(file)).find();
    }

    private static boolean hasTests(Path file) {
        String source = read(file);
        return source.contains("@Test") || source.contains("@ParameterizedTest");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(file.toString(), e);
        }
    }
}
