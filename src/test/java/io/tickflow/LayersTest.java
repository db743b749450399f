package io.tickflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packages point one way, by a scan of the imports of src/main/java: the event contract
 * ({@code event}) depends on no other Tickflow package; the venue code (protocols, normalizers and
 * their helpers, {@code venue}) only on the contract; the feed lifecycle ({@code feed}) uses the
 * venue code, never the reverse. No package is named like a Camel type (Exchange).
 */
class LayersTest {

    private static final Path SOURCES = Path.of("src/main/java/io/tickflow");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.tickflow\\.([a-z]+)\\.", Pattern.MULTILINE);
    /** Package -> the Tickflow packages it may import. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "event", Set.of(),
            "venue", Set.of("event"));

    @Test
    void theContractAndTheVenueCodeImportOnlyWhatIsBelowThem() throws IOException {
        List<String> violations = new ArrayList<>();
        ALLOWED.forEach((pkg, allowed) -> imports(pkg).forEach(imported -> {
            if (!allowed.contains(imported.used())) {
                violations.add(imported.toString());
            }
        }));
        assertEquals(List.of(), violations);
    }

    @Test
    void theFeedLifecycleUsesTheVenueCode() throws IOException {
        Set<String> used = new TreeSet<>();
        imports("feed").forEach(imported -> used.add(imported.used()));
        assertTrue(used.contains("venue") && used.contains("event"), "feed imports " + used);
    }

    @Test
    void noPackageIsNamedLikeACamelType() throws IOException {
        try (Stream<Path> packages = Files.list(SOURCES)) {
            Set<String> names = new TreeSet<>(packages.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList());
            assertTrue(names.containsAll(Set.of("event", "venue", "feed")), names.toString());
            assertTrue(!names.contains("exchange") && !names.contains("message") && !names.contains("route"), names.toString());
        }
    }

    private record Import(String file, String used) {
        @Override
        public String toString() {
            return file + " imports io.tickflow." + used;
        }
    }

    private static List<Import> imports(String pkg) {
        List<Import> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES.resolve(pkg))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        found.add(new Import(SOURCES.relativize(file).toString(), m.group(1)));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }
}
