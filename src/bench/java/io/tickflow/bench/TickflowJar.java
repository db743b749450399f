package io.tickflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tickflow launched as README says: {@code java -XX:SharedArchiveFile=target/tickflow.jsa -jar
 * target/tickflow.jar}, with the class-data archive the build made beside the jar.
 * {@code -Dbench.class-data=false} leaves the archive out, to measure what it brings.
 */
final class TickflowJar {

    private TickflowJar() {
    }

    static Path jar() {
        return Path.of(System.getProperty("bench.jar", "target/tickflow.jar")).toAbsolutePath();
    }

    static boolean packaged() {
        return Files.isRegularFile(jar());
    }

    /** The archive's option, if it is to be used and the build made it; otherwise none. */
    static List<String> classDataOptions() {
        Path archive = jar().resolveSibling("tickflow.jsa");
        if (!Boolean.parseBoolean(System.getProperty("bench.class-data", "true"))) {
            return List.of();
        }
        if (!Files.isRegularFile(archive)) {
            System.out.println(archive + " is missing (packaged with -Dtickflow.class-data.skip?): Tickflow starts without it");
            return List.of();
        }
        return List.of("-XX:SharedArchiveFile=" + archive);
    }

    /** java, the given JVM options, the archive's, then -jar and Tickflow's jar. */
    static List<String> command(List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(SinkJvm.java());
        command.addAll(jvmOptions);
        command.addAll(classDataOptions());
        command.add("-jar");
        command.add(jar().toString());
        return command;
    }
}
