package io.tickflow.docker;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No Docker engine runs here, so the compose file is checked as data: it parses, names the
 * services Tickflow needs, and every TICKFLOW_ variable it sets is a key of application.properties.
 */
class ComposeFileTest {

    @Test
    @SuppressWarnings("unchecked")
    void composeFileIsInStepWithApplicationProperties() throws Exception {
        Map<String, Object> compose = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Path.of("docker/compose.yaml")));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertTrue(services.keySet().containsAll(List.of("kafka", "questdb", "postgres", "tickflow")), services.keySet().toString());
        for (String service : List.of("kafka", "questdb", "postgres")) {
            assertTrue(((Map<String, Object>) services.get(service)).containsKey("healthcheck"), service + " has a health check");
        }

        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("resources/application.properties"))) {
            properties.load(in);
        }
        Set<String> variables = properties.stringPropertyNames().stream()
                .map(key -> key.toUpperCase().replace('.', '_').replace('-', '_')).collect(Collectors.toSet());
        Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) services.get("tickflow")).get("environment");
        List<String> unknown = environment.keySet().stream().filter(v -> !variables.contains(v)).toList();
        assertEquals(List.of(), unknown, "compose sets variables that match no key of application.properties");
        assertTrue(Files.readString(Path.of("docker/Dockerfile")).contains("tickflow.jar"));
    }
}
