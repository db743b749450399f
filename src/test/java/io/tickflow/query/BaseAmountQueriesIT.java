package io.tickflow.query;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tickflow.event.EventRecord;
import io.tickflow.event.MarketEvents;
import io.tickflow.event.MarketEvents.Amounts;
import io.tickflow.event.MarketEvents.Instrument;
import io.tickflow.testing.Await;
import io.tickflow.testing.Events;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tickflow.query.ApiResponses.query;
import static io.tickflow.query.ApiResponses.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Trades and liquidations sized in contracts (BitMEX XBTUSD, Binance COIN-M) go through Kafka into
 * both databases with their base amounts, and the named queries and the hourly statistics add up
 * coins, not contracts: 1000 contracts of 1 USD at 32175 count as 0.03108003108003108 BTC.
 */
class BaseAmountQueriesIT {

    private static final SharedServers SERVERS = SharedServers.get();
    private Map<String, String> props;

    @BeforeEach
    void start() {
        props = new HashMap<>(SERVERS.isolatedProperties());
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.market-simulator.enabled", "false");
        props.put("tickflow.stats.check-period-ms", "500");
    }

    @AfterEach
    void stop() throws Exception {
        SERVERS.dropIsolated(props);
    }

    @Test
    void volumesAreSummedInTheBaseAsset() throws Exception {
        // in the last completed hour, so the hourly statistics count them too
        Instant ts = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofMinutes(30));
        Instrument perp = new Instrument("XBTUSD", "BTC-USD-PERP");
        MarketEvents bitmex = new MarketEvents("bitmex");
        EventRecord big = bitmex.trade(perp, ts, ts, "buy", new BigDecimal("32175"),
                new Amounts(new BigDecimal("1000"), new BigDecimal("0.03108003108003108"), new BigDecimal("1000")), "a");
        EventRecord small = bitmex.trade(perp, ts.plusSeconds(1), ts, "sell", new BigDecimal("32175"),
                new Amounts(new BigDecimal("100"), new BigDecimal("0.003108003108003108"), new BigDecimal("100")), "b");
        EventRecord liquidation = new MarketEvents("binance-coinm").liquidation(new Instrument("BTCUSD_PERP", "BTC-USD-PERP"), ts, ts,
                "sell", new BigDecimal("80000"), new Amounts(new BigDecimal("2"), new BigDecimal("0.0025"), null), "FILLED");
        try (RunningTickflow app = RunningTickflow.start(props)) {
            Events.send(SERVERS.kafkaBootstrap(), props.get("tickflow.topics.trades"), big.key(), List.of(big.json(), small.json()));
            Events.send(SERVERS.kafkaBootstrap(), props.get("tickflow.topics.liquidations"), liquidation.key(), List.of(liquidation.json()));
            Await.until(Duration.ofSeconds(60), "both trades in both databases and the liquidation in QuestDB",
                    () -> count(false, "trades") == 2 && count(true, "trades") == 2 && count(true, "liquidations") == 1);

            assertEquals(List.of(List.of("BTC-USD-PERP", "0.034188034188034188")), rows(query(app, "trade_volume_last_6_hours")));
            assertEquals(List.of(List.of("BTC-USD-PERP", "0.034188034188034188", "2")), rows(query(app, "top_n_highest_volumes")));
            assertEquals(List.of(List.of("2", "0.034188034188034188")),
                    rows(query(app, "transactions_in_last_n_min", "symbol", "BTC-USD-PERP", "n_minutes", "120")));
            assertEquals(List.of(List.of("sell", "1", "0.0025", "200")), rows(query(app, "liquidation_volume_by_side",
                    "bucket", "1h", "from", "now-3h")).stream().map(r -> r.subList(1, 5)).toList(),
                    "side, count, volume in BTC, notional price x base amount");
            assertEquals(List.of("0.034188034188034188"), rows(query(app, "ohlcv_candles", "symbol", "BTC-USD-PERP", "interval", "1h",
                    "from", "now-3h")).stream().map(r -> r.get(5)).toList());
            Await.until(Duration.ofSeconds(30), "the hourly statistics in BTC",
                    () -> rows(query(app, "hourly_stats_last_12_hours")).stream().map(r -> r.get(3)).toList()
                            .equals(List.of("0.034188034188034188")));
        }
        try (Connection c = SERVERS.postgresConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT trade_volume, base_volume FROM " + props.get("tickflow.sink.postgres.trades-table") + " WHERE trade_id = 'a'")) {
            rs.next();
            assertEquals(List.of("1000", "0.03108003108003108"), List.of(rs.getBigDecimal(1).toPlainString(),
                    rs.getBigDecimal(2).toPlainString()), "the amount as sent and the base amount");
        }
    }

    private long count(boolean questdb, String table) throws Exception {
        String name = props.get("tickflow.sink." + (questdb ? "questdb." : "postgres.") + table + "-table");
        try (Connection c = questdb ? SERVERS.questdbConnection() : SERVERS.postgresConnection();
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + name)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
