package io.tickflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A YAML bean may refer ({@code #bean:name}) only to a bean Camel has surely built before it: one
 * of its own file, the Java-bound pools ({@code postgres}, {@code questdb}), or, from a rest/ file,
 * one of routes/ (application.properties includes routes/ first). Camel pre-parses the files of one
 * folder in an order of its own, which moves with the checkout's path: a bean of routes/ referring
 * to another routes/ file's bean started in one clone and failed in another.
 */
class BeanReferencesTest {

    private static final Pattern DEFINITION = Pattern.compile("(?m)^\\s*- name: (\\w+)\\s*\\n\\s+type:");
    private static final Pattern REFERENCE = Pattern.compile("#bean:(\\w+)");

    @Test
    void beansReferToBeansCamelHasBuiltBefore() throws IOException {
        Map<String, Path> definedIn = new HashMap<>();
        Map<Path, String> texts = new HashMap<>();
        for (Path file : yamlFiles()) {
            String text = Files.readString(file);
            texts.put(file, text);
            Matcher definition = DEFINITION.matcher(text);
            while (definition.find()) {
                definedIn.put(definition.group(1), file);
            }
        }
        assertFalse(definedIn.isEmpty(), "no bean found in routes/ or rest/");
        List<String> problems = new ArrayList<>();
        texts.forEach((file, text) -> {
            Matcher reference = REFERENCE.matcher(text);
            while (reference.find()) {
                Path other = definedIn.get(reference.group(1));
                boolean fromRestToRoutes = file.startsWith("rest") && other != null && other.startsWith("routes");
                if (other != null && !other.equals(file) && !fromRestToRoutes) {
                    problems.add(file + " refers to " + reference.group(1) + " of " + other);
                }
            }
        });
        assertTrue(problems.isEmpty(), "beans built in an order Camel does not promise: " + problems);
    }

    private static List<Path> yamlFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("routes", "rest")) {
            try (Stream<Path> paths = Files.list(Path.of(folder))) {
                paths.filter(p -> p.toString().endsWith(".camel.yaml")).forEach(files::add);
            }
        }
        return files;
    }
}
