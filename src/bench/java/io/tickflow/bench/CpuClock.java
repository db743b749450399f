package io.tickflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU seconds used by this JVM (benchmark, receivers, Kafka broker and Tickflow alike) and by the
 * embedded PostgreSQL on {@code port}: its postmaster with the children it has reaped, and its
 * live backends, from /proc (clock ticks of 10 ms). Other processes on the machine are not counted.
 */
final class CpuClock {

    private static final double TICK_SECONDS = 0.01;
    private final int postgresPort;

    CpuClock(int postgresPort) {
        this.postgresPort = postgresPort;
    }

    /** JVM and PostgreSQL CPU seconds so far. */
    double[] now() {
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        return new double[] {jvm, postgres()};
    }

    private double postgres() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            List<Path> pids = procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList();
            String postmaster = null;
            for (Path pid : pids) {
                String cmdline = read(pid.resolve("cmdline")).replace('\0', ' ');
                if (cmdline.contains("postgres -D ") && cmdline.contains(" -p " + postgresPort + " ")) {
                    postmaster = pid.getFileName().toString();
                    break;
                }
            }
            if (postmaster == null) {
                return 0;
            }
            long ticks = 0;
            for (Path pid : pids) {
                String[] stat = stat(pid);
                if (stat == null) {
                    continue;
                }
                if (pid.getFileName().toString().equals(postmaster)) {
                    ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]) + Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
                } else if (stat[1].equals(postmaster)) {
                    ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                }
            }
            return ticks * TICK_SECONDS;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The fields of /proc/pid/stat after the command name: state, ppid, ... (utime is [11]). */
    private static String[] stat(Path pid) {
        String stat = read(pid.resolve("stat"));
        int close = stat.lastIndexOf(')');
        return close < 0 ? null : stat.substring(close + 2).split(" ");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
