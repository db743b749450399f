package io.tickflow.connectors;

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
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Kamelet of connectors/ has what the Kamelet catalog (apache/camel-kamelets) gives each of
 * its own: the type label and the catalog's annotations, a definition of {@code type: object} with
 * a title and a description, each property with a title, a description, a type and an example, and
 * the dependencies of what its template uses. The feeds' defaults are application.properties',
 * so a Kamelet has none: each parameter its template uses is required.
 */
class KameletCatalogTest {

    private static final Path CONNECTORS = Path.of("connectors");
    private static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([^}]+)}}");
    private static final Pattern URI = Pattern.compile("(?m)^[\\s-]*(?:uri|to):\\s*\"?([a-z][a-z0-9+.-]*):");

    @Test
    void everyKameletHasWhatTheCatalogExpects() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> kamelets = kamelets();
        assertFalse(kamelets.isEmpty(), "no Kamelet in " + CONNECTORS.toAbsolutePath());
        String dependency = "mvn:io.tickflow:tickflow:" + projectVersion();
        for (Path file : kamelets) {
            String text = Files.readString(file);
            Map<String, Object> kamelet = map(new Load(LoadSettings.builder().build()).loadFromString(text));
            String name = file.getFileName().toString().replace(".kamelet.yaml", "");
            List<String> found = new ArrayList<>();
            check(kamelet, name, text, dependency, found);
            found.forEach(problem -> problems.add(name + ": " + problem));
        }
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
    }

    private static void check(Map<String, Object> kamelet, String name, String text, String tickflowDependency,
            List<String> problems) {
        if (!"Kamelet".equals(kamelet.get("kind")) || !"camel.apache.org/v1".equals(kamelet.get("apiVersion"))) {
            problems.add("not a camel.apache.org/v1 Kamelet");
        }
        Map<String, Object> metadata = map(kamelet.get("metadata"));
        if (!name.equals(metadata.get("name"))) {
            problems.add("metadata.name is not the file's name");
        }
        if (!Set.of("source", "sink", "action").contains(map(metadata.get("labels")).get("camel.apache.org/kamelet.type"))) {
            problems.add("no label camel.apache.org/kamelet.type (source, sink or action)");
        }
        Map<String, Object> annotations = map(metadata.get("annotations"));
        for (String annotation : List.of("camel.apache.org/kamelet.support.level", "camel.apache.org/provider",
                "camel.apache.org/kamelet.group")) {
            if (blank(annotations.get(annotation))) {
                problems.add("no annotation " + annotation);
            }
        }

        Map<String, Object> spec = map(kamelet.get("spec"));
        Map<String, Object> definition = map(spec.get("definition"));
        if (!"object".equals(definition.get("type"))) {
            problems.add("spec.definition has no type: object");
        }
        for (String field : List.of("title", "description")) {
            if (blank(definition.get(field))) {
                problems.add("spec.definition has no " + field);
            }
        }
        Map<String, Object> properties = map(definition.get("properties"));
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            Map<String, Object> fields = map(property.getValue());
            for (String field : List.of("title", "description")) {
                if (blank(fields.get(field))) {
                    problems.add("property " + property.getKey() + " has no " + field);
                }
            }
            if (!TYPES.contains(fields.get("type"))) {
                problems.add("property " + property.getKey() + " has no type (" + TYPES + ")");
            }
            if (!fields.containsKey("example")) {
                problems.add("property " + property.getKey() + " has no example");
            }
            if (fields.containsKey("default")) {
                problems.add("property " + property.getKey() + " has a default: the feeds' defaults are application.properties'");
            }
        }

        String template = text.substring(text.indexOf("\n  template:"));
        Set<String> used = new TreeSet<>();
        Matcher placeholder = PLACEHOLDER.matcher(template);
        while (placeholder.find()) {
            used.add(placeholder.group(1));
        }
        Set<String> required = new TreeSet<>(list(definition.get("required")));
        if (!required.equals(used)) {
            problems.add("required " + required + " are not the parameters the template uses " + used);
        }
        if (!properties.keySet().equals(used)) {
            problems.add("properties " + new TreeSet<>(properties.keySet()) + " are not the parameters the template uses " + used);
        }

        Set<String> wanted = new TreeSet<>();
        Matcher uri = URI.matcher(template);
        while (uri.find()) {
            switch (uri.group(1)) {
                case "kamelet" -> wanted.add("camel:kamelet");
                case "wsfeed" -> wanted.add(tickflowDependency);
                default -> wanted.add("camel:" + uri.group(1));
            }
        }
        Set<String> dependencies = new TreeSet<>(list(spec.get("dependencies")));
        if (!dependencies.equals(wanted)) {
            problems.add("spec.dependencies " + dependencies + " are not what the template uses " + wanted);
        }
    }

    private static List<Path> kamelets() throws IOException {
        try (Stream<Path> files = Files.list(CONNECTORS)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".kamelet.yaml")).sorted().toList();
        }
    }

    private static String projectVersion() throws IOException {
        Matcher version = Pattern.compile("<artifactId>tickflow</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(version.find(), "the project's version in pom.xml");
        return version.group(1);
    }

    private static boolean blank(Object value) {
        return value == null || value.toString().isBlank();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<String> list(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
