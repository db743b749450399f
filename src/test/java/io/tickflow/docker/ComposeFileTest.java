package io.tickflow.docker;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No Docker engine runs here, so the compose file and Grafana's provisioning are checked as data:
 * it parses, names the services Tickflow needs, and every TICKFLOW_ variable it sets is a key of
 * application.properties; every image of the stack is pinned, what is waited for has a health
 * check that says where its command is documented, README's ports are published, Kafka has a
 * listener for the containers and one for the host, the optional services are under profiles,
 * and Grafana's provisioning fits together (GrafanaDashboardIT runs the dashboard's queries).
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

    @Test
    void everyImageOfTheStackIsPinnedToAnExactVersion() throws Exception {
        List<String> images = DockerFiles.images();
        for (String image : images) {
            assertTrue(DockerFiles.pinned(image), image + " is pinned to an exact version");
        }
        assertEquals(7, images.size(), "five services' images and the Dockerfile's build and runtime stages: " + images);
    }

    @Test
    @SuppressWarnings("unchecked")
    void whatIsWaitedForHasAHealthCheckNamingWhereItsCommandIsDocumented() throws Exception {
        Map<String, Map<String, Object>> services = DockerFiles.services();
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            Object dependsOn = service.getValue().get("depends_on");
            if (dependsOn == null) {
                continue;
            }
            assertTrue(dependsOn instanceof Map, service.getKey() + " waits for conditions, not just starts");
            ((Map<String, Map<String, Object>>) dependsOn).forEach((awaited, condition) -> {
                assertEquals("service_healthy", condition.get("condition"), service.getKey() + " waits until " + awaited + " is healthy");
                Map<String, Object> healthcheck = (Map<String, Object>) services.get(awaited).get("healthcheck");
                assertNotNull(healthcheck, awaited + " has a health check");
                assertEquals("CMD", ((List<String>) healthcheck.get("test")).get(0), awaited + " runs its check without a shell it may lack");
            });
        }

        List<String> lines = Files.readAllLines(DockerFiles.COMPOSE);
        int checks = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals("healthcheck:")) {
                assertTrue(DockerFiles.commentAbove(lines, i).contains("https://"), "the comment above line " + (i + 1) + " of compose.yaml names a page");
                checks++;
            }
        }
        assertEquals(services.values().stream().filter(s -> s.containsKey("healthcheck")).count(), checks);
    }

    @Test
    void readmesPortsArePublishedOnTheHostsLoopback() throws Exception {
        Map<String, Map<String, Object>> services = DockerFiles.services();
        Map<String, List<Integer>> readme = Map.of("kafka", List.of(9092), "questdb", List.of(9000, 8812),
                "postgres", List.of(5432), "tickflow", List.of(8080));
        readme.forEach((service, ports) -> {
            Map<Integer, String> published = published(services.get(service));
            for (int port : ports) {
                assertEquals("127.0.0.1:" + port, published.get(port), service + " publishes " + port + " on the same host port");
            }
        });
        assertEquals("127.0.0.1:3000", published(services.get("grafana")).get(3000));
        assertEquals("127.0.0.1:8081", published(services.get("kafka-ui")).get(8080), "beside Tickflow's 8080");
    }

    @Test
    void kafkaAdvertisesAListenerToTheContainersAndOneToTheHost() throws Exception {
        Map<String, Map<String, Object>> services = DockerFiles.services();
        Map<String, Object> kafka = DockerFiles.environment(services.get("kafka"));
        Map<String, String> listeners = listeners((String) kafka.get("KAFKA_LISTENERS"));
        Map<String, String> advertised = listeners((String) kafka.get("KAFKA_ADVERTISED_LISTENERS"));
        Map<String, String> protocols = listeners((String) kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"));
        assertTrue(protocols.keySet().containsAll(listeners.keySet()), "every listener has a protocol");
        advertised.forEach((name, address) -> assertEquals(listeners.get(name), ":" + address.split(":")[1],
                name + " is advertised on the port it listens on"));

        String external = advertised.get("EXTERNAL");
        assertEquals("localhost:9092", external, "the host's clients get localhost");
        assertEquals("127.0.0.1:9092", published(services.get("kafka")).get(9092), "on the published port");
        String internal = advertised.get("INTERNAL");
        assertTrue(internal.startsWith("kafka:"), "the containers get the service's name: " + internal);
        assertEquals("INTERNAL", kafka.get("KAFKA_INTER_BROKER_LISTENER_NAME"));
        assertEquals(internal, DockerFiles.environment(services.get("tickflow")).get("TICKFLOW_KAFKA_BROKERS"));
        assertEquals(internal, DockerFiles.environment(services.get("kafka-ui")).get("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS"));
        assertEquals("/var/lib/kafka/data", kafka.get("KAFKA_LOG_DIRS"), "Kafka's data is on its volume");
        assertTrue(((List<?>) services.get("kafka").get("volumes")).contains("kafka-data:/var/lib/kafka/data"));
    }

    @Test
    void grafanaAndKafkaUiAreOptionalUnderProfilesOfTheirOwn() throws Exception {
        Map<String, Map<String, Object>> services = DockerFiles.services();
        Map<String, Object> profiles = new LinkedHashMap<>();
        services.forEach((name, service) -> profiles.put(name, service.get("profiles")));
        assertEquals(List.of("grafana"), profiles.get("grafana"));
        assertEquals(List.of("kafka-ui"), profiles.get("kafka-ui"));
        for (String always : List.of("kafka", "questdb", "postgres", "tickflow")) {
            assertNull(profiles.get(always), always + " starts without a profile");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaIsProvisionedWithADashboardOverQuestDb() throws Exception {
        Map<String, Object> grafana = DockerFiles.services().get("grafana");
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (Object volume : (List<Object>) grafana.get("volumes")) {
            String[] parts = ((String) volume).split(":");
            Path source = Path.of("docker").resolve(parts[0]).normalize();
            assertTrue(Files.exists(source), source + " exists");
            mounts.put(parts[1], source);
        }
        Map<String, Object> datasource = ((List<Map<String, Object>>) DockerFiles.yaml(mounts.get(
                "/etc/grafana/provisioning/datasources/questdb.yaml")).get("datasources")).get(0);
        assertEquals("grafana-postgresql-datasource", datasource.get("type"), "Grafana's PostgreSQL plugin id since 10.2.3");
        assertEquals("questdb:8812", datasource.get("url"), "QuestDB's PostgreSQL wire port");
        // Grafana 12 reads these two only from jsonData and secureJsonData
        assertEquals("qdb", ((Map<String, Object>) datasource.get("jsonData")).get("database"));
        assertEquals(DockerFiles.environment(DockerFiles.services().get("tickflow")).get("TICKFLOW_QUESTDB_PASSWORD"),
                ((Map<String, Object>) datasource.get("secureJsonData")).get("password"));
        assertFalse(datasource.containsKey("database") || datasource.containsKey("password"));

        Map<String, Object> provider = ((List<Map<String, Object>>) DockerFiles.yaml(mounts.get(
                "/etc/grafana/provisioning/dashboards/tickflow.yaml")).get("providers")).get(0);
        String dashboards = (String) ((Map<String, Object>) provider.get("options")).get("path");
        assertEquals(Path.of("docker/grafana/dashboards"), mounts.get(dashboards), "the provider reads the mounted dashboards");
        String home = (String) DockerFiles.environment(grafana).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
        assertEquals(GrafanaDashboard.FILE, mounts.get(dashboards).resolve(Path.of(dashboards).relativize(Path.of(home))));

        GrafanaDashboard dashboard = GrafanaDashboard.read();
        Set<String> tables = GrafanaDashboard.questDbTables().keySet();
        List<GrafanaDashboard.Query> queries = new ArrayList<>(dashboard.panelQueries());
        queries.addAll(dashboard.variableQueries());
        for (GrafanaDashboard.Query query : queries) {
            JsonNode source = query.panel().path("datasource");
            assertEquals(datasource.get("uid"), source.path("uid").asText(), query.owner() + " uses the provisioned data source");
            assertEquals(datasource.get("type"), source.path("type").asText(), query.owner());
            Set<String> read = GrafanaDashboard.tablesIn(query.sql());
            assertFalse(read.isEmpty(), query.owner() + " reads a table");
            assertTrue(tables.containsAll(read), query.owner() + " reads " + read + ", tables of questdb-schema.sql are " + tables);
        }
        Set<String> shown = dashboard.panelQueries().stream().flatMap(q -> GrafanaDashboard.tablesIn(q.sql()).stream())
                .collect(Collectors.toSet());
        assertEquals(Set.of("trades", "candles", "liquidations", "tickers"), shown);
    }

    /** The container ports a service publishes, each with the host address and port it is on. */
    @SuppressWarnings("unchecked")
    private static Map<Integer, String> published(Map<String, Object> service) {
        Map<Integer, String> ports = new LinkedHashMap<>();
        for (Object port : (List<Object>) service.get("ports")) {
            String[] parts = ((String) port).split(":");
            assertEquals(3, parts.length, "address:host port:container port, " + port);
            ports.put(Integer.parseInt(parts[2]), parts[0] + ":" + parts[1]);
        }
        return ports;
    }

    /** NAME://host:port,... or NAME:value,... as a map from name to the rest. */
    private static Map<String, String> listeners(String list) {
        Map<String, String> listeners = new LinkedHashMap<>();
        for (String listener : list.split(",")) {
            int colon = listener.indexOf(':');
            listeners.put(listener.substring(0, colon), listener.substring(colon + 1).replaceFirst("^//", ""));
        }
        return listeners;
    }
}
