package io.tickflow.backfill;

import java.util.List;
import java.util.Map;

import io.tickflow.testing.Events;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With gap repair on, a kline feed's gap event on the status topic backfills the feed's symbols over
 * the missed window (from the candle the gap began in to the one it ended in); a trade feed's gap
 * starts nothing.
 */
class GapRepairIT {

    private static final SharedServers SERVERS = SharedServers.get();

    @Test
    void aKlineFeedsGapIsBackfilled() throws Exception {
        try (ExchangeRestReplay replay = new ExchangeRestReplay()) {
            Map<String, String> props = BackfillTests.properties(SERVERS, replay);
            props.put("tickflow.backfill.gap-repair.enabled", "true");
            props.put("tickflow.backfill.gap-repair.auto-offset-reset", "earliest");
            props.put("tickflow.feed.binance.symbols", "BTCUSDT");
            props.put("tickflow.feed.binance.candle-interval", "1m");
            try (RunningTickflow app = RunningTickflow.start(props)) {
                Events.send(SERVERS.kafkaBootstrap(), props.get("tickflow.topics.status"), "bitmex-trade", List.of(
                        "{\"type\":\"gap\",\"feed\":\"bitmex-trade\",\"exchange\":\"bitmex\",\"from\":\"2024-01-01T00:00:00.000000Z\","
                                + "\"to\":\"2024-01-01T01:00:00.000000Z\",\"reason\":\"no data for 60 s\",\"connectAttempts\":1}"));
                Events.send(SERVERS.kafkaBootstrap(), props.get("tickflow.topics.status"), "binance-spot-kline", List.of(
                        "{\"type\":\"gap\",\"feed\":\"binance-spot-kline\",\"exchange\":\"binance\",\"from\":\"2024-01-01T00:10:30.123456Z\","
                                + "\"to\":\"2024-01-01T00:25:10.000000Z\",\"reason\":\"no data for 60 s\",\"connectAttempts\":2}"));
                List<String> all = BackfillTests.binanceExpected(replay.series("binance-klines-BTCUSDT-1m.json"));
                // 00:10 .. 00:25: the minutes the connection was lost in, both ends included
                BackfillTests.awaitStored(SERVERS, props, "binance", "BTC-USDT", all.subList(10, 26));
                Thread.sleep(1000);
                assertEquals(List.of(), replay.requests(r -> r.path().equals("/api/v1/trade/bucketed")), "a trade feed's gap starts nothing");
                assertEquals(16, BackfillTests.stored(SERVERS, props, "binance", "BTC-USDT").size());
            } finally {
                SERVERS.dropIsolated(props);
            }
        }
    }
}
