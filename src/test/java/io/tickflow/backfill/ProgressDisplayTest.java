package io.tickflow.backfill;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A progress bar redrawn with \r on a terminal; plain lines, one per change, otherwise. */
class ProgressDisplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void onATerminalOneBarIsRedrawnInPlace() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressDisplay display = new ProgressDisplay(new PrintStream(out, true, StandardCharsets.UTF_8), true);
        display.show(job("running", 5, 20, 5000, 2.5, 6));
        display.show(job("running", 5, 20, 5000, 2.5, 6));
        display.show(job("done", 20, 20, 20000, null, null));
        display.summary(job("done", 20, 20, 20000, null, null), 8.04);
        assertEquals("\r[#######.......................]  25%  pages 5/20  candles 5000  failed pages 0  2.5 pages/s  ETA 0:00:06   "
                + "\r[##############################] 100%  pages 20/20  candles 20000  failed pages 0   \n"
                + "Backfill bf_1 done: 20 of 20 pages, 20000 candles, 0 failed pages, in 8.0 s\n",
                out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    @Test
    void elsewherePlainLinesOnePerChange() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressDisplay display = new ProgressDisplay(new PrintStream(out, true, StandardCharsets.UTF_8), false);
        display.show(job("queued", 0, 0, 0, null, null));
        display.show(job("running", 5, 20, 5000, 2.5, 3725));
        display.show(job("running", 5, 20, 5000, 2.5, 3725));
        assertEquals("bf_1 queued: pages 0/0  candles 0  failed pages 0\n"
                + "bf_1 running: pages 5/20  candles 5000  failed pages 0  2.5 pages/s  ETA 1:02:05\n",
                out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    @Test
    void aTradeBackfillCountsTrades() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressDisplay display = new ProgressDisplay(new PrintStream(out, true, StandardCharsets.UTF_8), false);
        display.show(((ObjectNode) job("running", 1, 2, 25, null, null)).put("interval", "trades"));
        display.summary(((ObjectNode) job("done", 2, 2, 36, null, null)).put("interval", "trades"), 1.0);
        assertEquals("bf_1 running: pages 1/2  trades 25  failed pages 0\n"
                + "Backfill bf_1 done: 2 of 2 pages, 36 trades, 0 failed pages, in 1.0 s\n",
                out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    private static JsonNode job(String state, int done, int total, long rows, Double rate, Integer eta) {
        return JSON.createObjectNode().put("id", "bf_1").put("state", state).put("pagesDone", done).put("pagesTotal", total)
                .put("rows", rows).put("errors", 0).put("pagesPerSecond", rate).put("etaSeconds", eta);
    }
}
