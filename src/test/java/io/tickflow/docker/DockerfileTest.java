package io.tickflow.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static io.tickflow.docker.DockerFiles.DOCKERFILE;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No Docker engine runs here, so the Dockerfile and .dockerignore are checked as data: the image
 * runs as a user of its own, its health check says where its command is documented, and the build
 * context holds what the build copies but not the build output, local data or history.
 */
class DockerfileTest {

    @Test
    void tickflowRunsAsAUserOfItsOwn() throws Exception {
        List<String> dockerfile = Files.readAllLines(DOCKERFILE);
        int runtime = lastIndexOf(dockerfile, "FROM ");
        int user = lastIndexOf(dockerfile, "USER ");
        int entrypoint = lastIndexOf(dockerfile, "ENTRYPOINT ");
        assertTrue(runtime < user && user < entrypoint, "USER in the runtime stage, before ENTRYPOINT");
        Matcher uid = Pattern.compile("USER (\\d+)(?::(\\d+))?").matcher(dockerfile.get(user).trim());
        assertTrue(uid.matches(), "a numeric user, which Kubernetes' runAsNonRoot can check: " + dockerfile.get(user));
        assertFalse(uid.group(1).equals("0"), "not root");
        String stage = String.join("\n", dockerfile.subList(runtime, user));
        assertTrue(stage.contains("--uid " + uid.group(1)), "the user is created with that fixed UID");
        assertTrue(stage.contains("chown tickflow:tickflow /data"), "the data directory is the user's");
        assertFalse(DockerFiles.services().get("tickflow").containsKey("user"), "compose does not override the image's user");
    }

    @Test
    void healthCheckAsksForHealthAndNamesWhereItsCommandIsDocumented() throws Exception {
        List<String> dockerfile = Files.readAllLines(DOCKERFILE);
        int healthcheck = lastIndexOf(dockerfile, "HEALTHCHECK ");
        assertTrue(healthcheck > lastIndexOf(dockerfile, "FROM "), "the runtime stage has a health check");
        assertTrue(DockerFiles.commentAbove(dockerfile, healthcheck).contains("https://"), "the comment above it names a page");
        assertTrue(DockerFiles.instructions("HEALTHCHECK").get(0).contains("/api/health"));
    }

    @Test
    void theBuildContextHoldsWhatTheBuildCopiesAndNotItsOutput() throws Exception {
        List<String> patterns = Files.readAllLines(Path.of(".dockerignore")).stream().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        for (String left : List.of("target/tickflow.jar", "target/lib/camel-main.jar", "data/questdb/db/x",
                ".git", ".git/HEAD", "src/test/java/io/tickflow/docker/DockerfileTest.java", "tickflow.log",
                "routes/tickflow.log", ".camel-jbang/x", "docs/dashboard-tickers.png")) {
            assertTrue(ignored(patterns, left), left + " is left out of the build context");
        }
        List<String> copied = new ArrayList<>();
        for (String args : DockerFiles.instructions("COPY")) {
            if (!args.startsWith("--from")) {
                copied.add(args.split("\\s+")[0]);
            }
        }
        assertTrue(copied.containsAll(List.of("pom.xml", "src/main", "resources", "routes", "connectors", "rest")), copied.toString());
        for (String source : copied) {
            assertTrue(Files.exists(Path.of(source)), source + " exists");
            assertFalse(ignored(patterns, source), source + " is in the build context");
        }
        assertFalse(ignored(patterns, "src/main/java/io/tickflow/Tickflow.java"));
        assertFalse(ignored(patterns, "resources/sql/questdb-schema.sql"));
    }

    /** Docker's .dockerignore rules: the last pattern matching a path or one of its folders decides. */
    private static boolean ignored(List<String> patterns, String path) {
        boolean ignored = false;
        for (String pattern : patterns) {
            boolean keep = pattern.startsWith("!");
            String glob = (keep ? pattern.substring(1) : pattern).replaceAll("^/+|/+$", "");
            Pattern regex = Pattern.compile(glob.replace(".", "\\.").replace("**/", "\u0001").replace("**", "\u0002")
                    .replace("*", "[^/]*").replace("?", "[^/]").replace("\u0001", "(?:.*/)?").replace("\u0002", ".*"));
            String[] parts = path.split("/");
            for (int i = 1; i <= parts.length; i++) {
                if (regex.matcher(String.join("/", List.of(parts).subList(0, i))).matches()) {
                    ignored = !keep;
                    break;
                }
            }
        }
        return ignored;
    }

    private static int lastIndexOf(List<String> lines, String prefix) {
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                found = i;
            }
        }
        return found;
    }
}
