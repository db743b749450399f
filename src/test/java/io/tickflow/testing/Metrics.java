package io.tickflow.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads series out of the Prometheus text that GET /metrics serves. */
public final class Metrics {

    private Metrics() {
    }

    /** GET /metrics of a running Tickflow. */
    public static String scrape(RunningTickflow app) throws Exception {
        return app.get("/metrics").body();
    }

    /** The value of the first series of that name whose labels include all the given ones; -1 when there is none. */
    public static double value(String metrics, String name, String... labels) {
        Matcher m = Pattern.compile("^" + name + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        while (m.find()) {
            String found = m.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                return Double.parseDouble(m.group(2));
            }
        }
        return -1;
    }
}
