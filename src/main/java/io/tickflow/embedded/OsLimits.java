package io.tickflow.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.questdb.std.Files;

/**
 * QuestDB checks two OS limits at start and, when either is at or below 65,536, logs several
 * "SYSTEM COULD BE UNSTABLE" lines on every start. It keeps a file and a memory map open per column
 * file it uses, so many tables or partitions can exhaust them. This is the one line Tickflow logs
 * instead (QuestDB's own lines are below the level its logger shows), saying what to change.
 * QuestDB calls the first "fs.file-max", but it reads the process's open-files limit (ulimit -n).
 */
final class OsLimits {

    /** What QuestDB's documentation recommends for both. */
    private static final long RECOMMENDED = 1_048_576;

    private OsLimits() {
    }

    static Optional<String> check() {
        List<String> low = new ArrayList<>();
        List<String> raise = new ArrayList<>();
        long files = Files.getFileLimit();
        if (files > 0 && files <= Files.DEFAULT_FILE_LIMIT) {
            low.add("open files (ulimit -n) " + files);
            raise.add("ulimit -n " + RECOMMENDED + " where Tickflow starts (systemd LimitNOFILE=, docker run --ulimit nofile=)");
        }
        long maps = Files.getMapCountLimit();
        if (maps > 0 && maps <= Files.DEFAULT_MAP_COUNT_LIMIT) {
            low.add("vm.max_map_count " + maps);
            raise.add("sysctl -w vm.max_map_count=" + RECOMMENDED + " as root on the host (kept in /etc/sysctl.d/)");
        }
        if (low.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("QuestDB asks for OS limits above " + Files.DEFAULT_FILE_LIMIT + ", here " + String.join(" and ", low)
                + ": with many tables or partitions it can run out of them. To raise: " + String.join("; ", raise)
                + ". See https://questdb.com/docs/deployment/capacity-planning/#os-configuration");
    }
}
