package io.tickflow.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** docker/compose.yaml and docker/Dockerfile read as data, for the tests that check them without an engine. */
final class DockerFiles {

    static final Path COMPOSE = Path.of("docker/compose.yaml");
    static final Path DOCKERFILE = Path.of("docker/Dockerfile");

    /** A tag that starts with a whole version (3.9.1, 17.0.20_8, v1.5.0): no latest, no bare major. */
    private static final Pattern EXACT_TAG = Pattern.compile("v?\\d+\\.\\d+\\.\\d+(?:[._-][\\w.-]+)?");
    /** PostgreSQL's versions have two parts since 10: 16.13 is one release, 16 is not. */
    private static final Pattern EXACT_POSTGRES_TAG = Pattern.compile("\\d+\\.\\d+(?:-[\\w.-]+)?");

    private DockerFiles() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services() throws IOException {
        return (Map<String, Map<String, Object>>) yaml(COMPOSE).get("services");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> environment(Map<String, Object> service) {
        return (Map<String, Object>) service.get("environment");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) throws IOException {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
    }

    /** The images of the compose file's services and of the Dockerfile's FROM lines. */
    static List<String> images() throws IOException {
        List<String> images = new ArrayList<>();
        for (Map<String, Object> service : services().values()) {
            if (service.get("image") != null) {
                images.add((String) service.get("image"));
            }
        }
        instructions("FROM").forEach(args -> images.add(args.split("\\s+")[0]));
        return images;
    }

    static boolean pinned(String image) {
        int colon = image.lastIndexOf(':');
        if (colon < image.lastIndexOf('/')) {
            return false;
        }
        Pattern exact = image.substring(0, colon).equals("postgres") ? EXACT_POSTGRES_TAG : EXACT_TAG;
        return exact.matcher(image.substring(colon + 1)).matches();
    }

    /** The arguments of each Dockerfile instruction of that name, continuation lines joined. */
    static List<String> instructions(String name) throws IOException {
        List<String> args = new ArrayList<>();
        for (String line : Files.readString(DOCKERFILE).replaceAll("\\\\\\n\\s*", " ").split("\n")) {
            if (line.startsWith(name + " ")) {
                args.add(line.substring(name.length() + 1).trim());
            }
        }
        return args;
    }

    /** The comment lines right above a line. */
    static String commentAbove(List<String> lines, int index) {
        StringBuilder comment = new StringBuilder();
        for (int i = index - 1; i >= 0 && lines.get(i).trim().startsWith("#"); i--) {
            comment.insert(0, lines.get(i).trim() + "\n");
        }
        return comment.toString();
    }
}
