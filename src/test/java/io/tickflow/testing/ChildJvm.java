package io.tickflow.testing;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.tickflow.Tickflow;

/** A JVM of its own on this one's classpath, for tests that start Tickflow (or a small main) as a process. */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** The java command of the JVM running the tests. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This JVM's classpath without empty entries: one would put the working directory, and its routes/ and rest/ folders, on it. */
    public static String classpath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).collect(Collectors.joining(File.pathSeparator));
    }

    /** Tickflow's main class with the given heap (-Xmx) and properties as system properties, in UTC. */
    public static List<String> tickflow(String maxHeap, Map<String, String> properties) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + maxHeap));
        command.addAll(systemProperties(properties));
        command.addAll(List.of("-cp", classpath(), Tickflow.class.getName()));
        return command;
    }

    /** Tickflow's packaged jar, as README runs it, with these JVM options and properties as system properties, in UTC. */
    public static List<String> tickflowJar(List<String> jvmOptions, Map<String, String> properties) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(systemProperties(properties));
        command.addAll(List.of("-jar", Path.of("target", "tickflow.jar").toString()));
        return command;
    }

    private static List<String> systemProperties(Map<String, String> properties) {
        List<String> options = new ArrayList<>(List.of("-Duser.timezone=UTC"));
        properties.forEach((key, value) -> options.add("-D" + key + "=" + value));
        return options;
    }
}
