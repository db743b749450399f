package io.tickflow.backfill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backfill interrupted by a stop of Tickflow (its heartbeat left fresh, as by an instance that
 * died) is taken over by the next instance once the heartbeat is old, from its checkpoint, and the
 * stored candles are exactly those of an uninterrupted run: every one, once.
 */
class BackfillResumeIT {

    private static final SharedServers SERVERS = SharedServers.get();

    @Test
    void anInterruptedJobResumesWhereItStoppedWithTheSameRows() throws Exception {
        try (ExchangeRestReplay replay = new ExchangeRestReplay()) {
            Map<String, String> props = BackfillTests.properties(SERVERS, replay);
            // 2 pages a second: the 12 pages take about 6 s, time enough to stop in the middle
            props.put("tickflow.backfill.bitmex.permits", "2");
            props.put("tickflow.backfill.heartbeat-ms", "500");
            try {
                String id;
                int servedBeforeStop;
                RunningTickflow first = RunningTickflow.start(props);
                try {
                    id = BackfillTests.start(first, "bitmex", "BTC-USD-PERP", "1m", "2024-01-01T00:00:00Z", "2024-01-01T02:00:00Z");
                    Await.until(Duration.ofSeconds(30), "4 pages done", () -> BackfillTests.job(first, id).get("pagesDone").asInt() >= 4);
                } finally {
                    first.close();
                }
                servedBeforeStop = bitmexRequests(replay);
                // as if the instance had died without letting the job go: the next takes it once the heartbeat is 1.5 s old
                try (Connection c = SERVERS.postgresConnection(); PreparedStatement s = c.prepareStatement("UPDATE "
                        + props.get("tickflow.backfill.jobs-table") + " SET heartbeat_at = now() WHERE id = ?")) {
                    s.setString(1, id);
                    assertEquals(1, s.executeUpdate());
                }
                assertTrue(servedBeforeStop < 12, "stopped before the end: " + servedBeforeStop + " requests");

                RunningTickflow second = RunningTickflow.start(props);
                try {
                    JsonNode job = BackfillTests.finished(second, id);
                    assertEquals("done", job.get("state").asText(), job.toString());
                    assertEquals(12, job.get("pagesDone").asInt(), job.toString());
                    assertEquals(0, job.get("errors").asInt(), job.toString());
                    int afterRestart = bitmexRequests(replay) - servedBeforeStop;
                    // the pages not checkpointed before the stop (at most one fetched but not checkpointed), not all 12 again
                    assertTrue(afterRestart <= 12 - 4 + 1 && afterRestart >= 12 - servedBeforeStop,
                            afterRestart + " requests after the restart, " + servedBeforeStop + " before");
                    BackfillTests.awaitStored(SERVERS, props, "bitmex", "BTC-USD-PERP",
                            BackfillTests.bitmexExpected(replay.series("bitmex-trade-bucketed-XBTUSD-1m.json")));
                } finally {
                    second.close();
                }
            } finally {
                SERVERS.dropIsolated(props);
            }
        }
    }

    private static int bitmexRequests(ExchangeRestReplay replay) {
        return replay.requests(r -> r.path().equals("/api/v1/trade/bucketed")).size();
    }
}
