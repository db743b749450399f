package io.tickflow.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL runs as its own process, so a Tickflow killed with SIGKILL leaves it
 * running on the data directory, with the old settings and port. Before a start, such a server
 * (its pid from {@code postmaster.pid}, still alive and a postgres process) is stopped with a
 * fast shutdown (SIGINT: open sessions are ended, committed data is kept), and the start then
 * proceeds as usual.
 */
final class LeftoverPostgres {

    private static final Logger LOG = LoggerFactory.getLogger(LeftoverPostgres.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private LeftoverPostgres() {
    }

    static void stopIfRunning(Path dataDir) throws IOException {
        Optional<ProcessHandle> leftover = running(dataDir);
        if (leftover.isEmpty()) {
            return;
        }
        long pid = leftover.get().pid();
        LOG.info("Stopping PostgreSQL (pid {}) left running on {} by a Tickflow that did not shut down cleanly;"
                + " starting it afresh", pid, dataDir);
        try {
            int exit = new ProcessBuilder("kill", "-INT", String.valueOf(pid)).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IOException("kill -INT " + pid + " exited with " + exit);
            }
            leftover.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the leftover PostgreSQL (pid " + pid + ")", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("The leftover PostgreSQL (pid " + pid + ") on " + dataDir + " did not stop within "
                    + STOP_TIMEOUT.toSeconds() + " s; stop it by hand", e);
        }
    }

    /** The live postgres process that holds the data directory, if any. */
    static Optional<ProcessHandle> running(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        long pid;
        try {
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }
}
