package io.tickflow.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A sink in a JVM of its own, timed from its launch until a table holds every row: when the
 * first row was stored, the rate from the first row to the last, and the CPU the JVM used (its
 * user and system time, as the OS counts it) while ingesting and in all, start-up included.
 */
final class SinkJvm {

    /** Both sinks get the same heap and otherwise the JVM's defaults. */
    static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx2g");

    private static final Duration DEADLINE = Duration.ofMinutes(10);

    /** What one run of a sink gave. */
    record Result(String sink, long rows, double firstRowSeconds, double rowsPerSecond, double rowsPerCpuSecond,
            double rowsPerCpuSecondWithStartup, double cpuSeconds, String load) {

        /** CPU-microseconds of the sink's JVM per stored row while ingesting. */
        double cpuMicrosPerRow() {
            return 1e6 / rowsPerCpuSecond;
        }
    }

    interface Count {
        long rows() throws Exception;
    }

    private SinkJvm() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A java command line: the options every sink gets, then these arguments. */
    static List<String> command(String classpath, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(classpath);
        command.addAll(arguments);
        return command;
    }

    /** The classpath of this JVM without empty entries (one would add the working directory). */
    static String ownClasspath() {
        return String.join(File.pathSeparator, List.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .stream().filter(entry -> !entry.isBlank()).toList());
    }

    /**
     * Launches the command (output to the log file) and samples the table and the JVM's CPU every
     * 20 ms until the table holds n rows; then stops the JVM (SIGTERM) and waits for it.
     */
    static Result run(String sink, List<String> command, Path log, Count stored, long n) throws Exception {
        Files.createDirectories(log.getParent());
        String loadBefore = loadAverage();
        long launched = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long firstAt = 0;
            long firstRows = 0;
            double firstCpu = 0;
            long rows = 0;
            while (rows < n) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(sink + " exited with " + process.exitValue() + " after " + rows
                            + " rows; its output is in " + log);
                }
                if (System.nanoTime() - launched > DEADLINE.toNanos()) {
                    throw new IllegalStateException(sink + " stored " + rows + " of " + n + " rows within " + DEADLINE);
                }
                Thread.sleep(20);
                rows = stored.rows();
                if (firstAt == 0 && rows > 0) {
                    firstAt = System.nanoTime();
                    firstRows = rows;
                    firstCpu = cpuSeconds(process);
                }
            }
            long lastAt = System.nanoTime();
            double cpu = cpuSeconds(process);
            return new Result(sink, rows, (firstAt - launched) / 1e9, (n - firstRows) / ((lastAt - firstAt) / 1e9),
                    (n - firstRows) / (cpu - firstCpu), n / cpu, cpu, loadBefore + " -> " + loadAverage());
        } finally {
            process.toHandle().destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** User and system time of the process so far (Linux: utime + stime of /proc/pid/stat). */
    private static double cpuSeconds(Process process) {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("the OS does not report the CPU time of a process"))
                .toNanos() / 1e9;
    }

    /** The 1-, 5- and 15-minute load averages, where the OS tells them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
