package io.tickflow.backfill;

import java.io.PrintStream;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How the backfill command shows a job's progress: on a terminal one bar redrawn in place with
 * \r (pages, candles or trades, rate, ETA); otherwise (a pipe, a log file) a plain line each time the
 * progress changes, so logs stay readable. Then a summary line.
 */
public final class ProgressDisplay {

    private static final int BAR = 30;

    private final PrintStream out;
    private final boolean terminal;
    private String last = "";

    public ProgressDisplay(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public void show(JsonNode job) {
        int done = job.path("pagesDone").asInt();
        int total = job.path("pagesTotal").asInt();
        String counts = String.format(Locale.ROOT, "pages %d/%d  %s %d  failed pages %d%s%s", done, total, rows(job),
                job.path("rows").asLong(), job.path("errors").asInt(), rate(job), eta(job));
        String line = terminal ? bar(done, total) + " " + percent(done, total) + "  " + counts
                : job.path("id").asText() + " " + job.path("state").asText() + ": " + counts;
        if (line.equals(last)) {
            return;
        }
        last = line;
        if (terminal) {
            // pad over the previous, possibly longer, line
            out.print("\r" + line + "   ");
        } else {
            out.println(line);
        }
        out.flush();
    }

    public void summary(JsonNode job, double seconds) {
        if (terminal) {
            out.println();
        }
        out.println(String.format(Locale.ROOT, "Backfill %s %s: %d of %d pages, %d %s, %d failed pages, in %.1f s",
                job.path("id").asText(), job.path("state").asText(), job.path("pagesDone").asInt(), job.path("pagesTotal").asInt(),
                job.path("rows").asLong(), rows(job), job.path("errors").asInt(), seconds));
        if (job.path("errors").asInt() > 0) {
            out.println("Failed pages are in the errors table (tickflow.backfill.errors-table); run the same backfill again to retry them.");
        }
        out.flush();
    }

    /** What a job's rows are: trades for the interval "trades", else candles. */
    private static String rows(JsonNode job) {
        return TradeSource.TRADES.equals(job.path("interval").asText()) ? "trades" : "candles";
    }

    private static String bar(int done, int total) {
        int filled = total <= 0 ? 0 : (int) Math.min(BAR, (long) done * BAR / total);
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]";
    }

    private static String percent(int done, int total) {
        return String.format(Locale.ROOT, "%3d%%", total <= 0 ? 0 : Math.min(100, done * 100L / total));
    }

    private static String rate(JsonNode job) {
        JsonNode rate = job.path("pagesPerSecond");
        return rate.isNumber() ? String.format(Locale.ROOT, "  %.1f pages/s", rate.asDouble()) : "";
    }

    private static String eta(JsonNode job) {
        JsonNode eta = job.path("etaSeconds");
        if (!eta.isNumber()) {
            return "";
        }
        long s = eta.asLong();
        return String.format(Locale.ROOT, "  ETA %d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
