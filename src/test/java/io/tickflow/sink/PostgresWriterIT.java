package io.tickflow.sink;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import io.tickflow.testing.Events;
import io.tickflow.testing.SharedServers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A batch is COPYed straight into its table when none of its rows is there; a replayed or
 * overlapping batch falls back to the merge, and either way each row is stored once, in the
 * same transaction as the batch's other event types.
 */
class PostgresWriterIT {

    private final SharedServers servers = SharedServers.get();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String trades = "writer_trades_" + suffix;
    private final String records = "writer_records_" + suffix;
    private final String currentPrice = "writer_current_price_" + suffix;
    private PostgresWriter writer;

    @BeforeEach
    void createTables() throws Exception {
        execute("CREATE TABLE " + trades + " (trade_id TEXT NOT NULL, symbol TEXT NOT NULL, trade_volume NUMERIC NOT NULL, base_volume NUMERIC,"
                + " timestamp TIMESTAMPTZ NOT NULL, exchange TEXT NOT NULL, price NUMERIC NOT NULL, side TEXT NOT NULL,"
                + " PRIMARY KEY (exchange, symbol, trade_id))",
                "CREATE TABLE " + records + " (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, time TIMESTAMPTZ NOT NULL,"
                + " value BIGINT NOT NULL, UNIQUE (name, time))",
                "CREATE TABLE " + currentPrice + " (exchange TEXT NOT NULL, symbol TEXT NOT NULL, bid_price NUMERIC, bid_size NUMERIC,"
                + " ask_price NUMERIC, ask_size NUMERIC, updated_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (exchange, symbol))");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        try (Connection c = servers.postgresConnection()) {
            dataSource.setURL(c.getMetaData().getURL());
        }
        dataSource.setUser("postgres");
        dataSource.setPassword("postgres");
        writer = new PostgresWriter();
        writer.setDataSource(dataSource);
        writer.setTradesTable(trades);
        writer.setRecordsTable(records);
        writer.setCurrentPriceTable(currentPrice);
    }

    @AfterEach
    void dropTables() throws Exception {
        execute("DROP TABLE IF EXISTS " + trades, "DROP TABLE IF EXISTS " + records, "DROP TABLE IF EXISTS " + currentPrice);
    }

    @Test
    void replayedAndOverlappingBatchesStoreEachRowOnce() throws Exception {
        writer.write(batch(trades(0, 100)));
        assertEquals(List.of(100L, 0L, 99L), tradeIds());

        writer.write(batch(trades(0, 100)));
        assertEquals(List.of(100L, 0L, 99L), tradeIds(), "a replayed batch");

        writer.write(batch(trades(50, 150)));
        assertEquals(List.of(150L, 0L, 149L), tradeIds(), "a batch overlapping the stored rows");

        List<String> twiceInOneBatch = new ArrayList<>(trades(150, 160));
        twiceInOneBatch.addAll(trades(155, 156));
        writer.write(batch(twiceInOneBatch));
        assertEquals(List.of(160L, 0L, 159L), tradeIds(), "a batch holding one trade twice");
    }

    @Test
    void aBatchMixingNewTicksAndReplayedTradesStoresThemAll() throws Exception {
        writer.write(batch(trades(0, 10)));
        // new ticks and replayed trades in one transaction: the trades' failed COPY undoes the ticks' too,
        // and the merge that follows must store both
        writer.write(batch(Stream.concat(ticks(0, 20).stream(), trades(5, 15).stream()).toList()));
        assertEquals(List.of(15L, 0L, 14L), tradeIds());
        assertEquals(20L, count(records));

        writer.write(batch(Stream.concat(ticks(10, 30).stream(), trades(15, 20).stream()).toList()));
        assertEquals(30L, count(records));
        assertEquals(List.of(20L, 0L, 19L), tradeIds());
    }

    @Test
    void quotesMergedBeforeAReplayedTradeAreMergedOnceMore() throws Exception {
        writer.write(batch(trades(0, 5)));
        // the quotes are upserted first, then the replayed trades' COPY fails: all is undone and merged again
        writer.write(batch(Stream.concat(Stream.of(quote("2026-03-01T00:00:01.000000Z", "10"), quote("2026-03-01T00:00:02.000000Z", "11")),
                trades(3, 8).stream()).toList()));
        assertEquals(List.of(8L, 0L, 7L), tradeIds());
        try (Connection c = servers.postgresConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), max(bid_price::text), max(updated_at) FROM " + currentPrice)) {
            rs.next();
            assertEquals(1L, rs.getLong(1));
            assertEquals("11", rs.getString(2), "the newest quote of the batch");
        }
    }

    private static String quote(String ts, String bid) {
        return "{\"type\":\"quote\",\"exchange\":\"binance\",\"symbol\":\"BTC-USDT\",\"rawSymbol\":\"BTCUSDT\",\"ts\":\"" + ts
                + "\",\"receivedTs\":\"" + ts + "\",\"bidPrice\":\"" + bid + "\",\"askPrice\":\"12\"}";
    }

    @Test
    void eventsStoredFromTheirBytesAndFromTheirParseHoldTheSameValues() throws Exception {
        // the second trade has escapes, so it is parsed; the others are written from their bytes
        String escaped = Events.trade(1).replace("\"tradeId\":\"1\"", "\"tradeId\":\"a\\\"b,\\u00e4\"");
        String comma = Events.trade(2).replace("\"tradeId\":\"2\"", "\"tradeId\":\"c,d\"");
        writer.write(batch(List.of(Events.trade(0), escaped, comma)));
        try (Connection c = servers.postgresConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT trade_id, trade_volume::text, timestamp, price::text, side, base_volume FROM "
                        + trades + " ORDER BY timestamp")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getObject(3, java.time.OffsetDateTime.class).toInstant()
                        + "|" + rs.getString(4) + "|" + rs.getString(5) + "|" + rs.getString(6));
            }
            assertEquals(List.of(
                    "0|0.001|" + Events.T0 + "|" + Events.price(0).toPlainString() + "|buy|null",
                    "a\"b,\u00e4|0.002|" + Events.T0.plusNanos(1_000) + "|" + Events.price(1).toPlainString() + "|sell|null",
                    "c,d|0.003|" + Events.T0.plusNanos(2_000) + "|" + Events.price(2).toPlainString() + "|buy|null"), rows);
        }
    }

    private static List<String> trades(long from, long to) {
        return LongStream.range(from, to).mapToObj(Events::trade).toList();
    }

    private static List<String> ticks(long from, long to) {
        return LongStream.range(from, to).mapToObj(i -> "{\"name\":\"ticker_01\",\"value\":" + i
                + ",\"time\":\"2026-03-01T00:00:" + String.format("%02d", i) + "Z\"}").toList();
    }

    private SinkBatch batch(List<String> events) {
        List<ConsumerRecord<byte[], byte[]>> records = events.stream()
                .map(event -> new ConsumerRecord<byte[], byte[]>("events", 0, 0, null, event.getBytes(StandardCharsets.UTF_8)))
                .toList();
        SinkBatch batch = SinkBatch.parse(records, "postgres-sink");
        assertEquals(0, batch.rejectedCount());
        return batch;
    }

    /** How many trades, and the lowest and highest trade id. */
    private List<Long> tradeIds() throws Exception {
        try (Connection c = servers.postgresConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), min(trade_id::bigint), max(trade_id::bigint) FROM " + trades)) {
            rs.next();
            return List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    private long count(String table) throws Exception {
        try (Connection c = servers.postgresConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String... statements) throws Exception {
        try (Connection c = servers.postgresConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
