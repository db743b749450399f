package io.tickflow.sink;

import java.util.List;

import io.tickflow.event.EventField;
import io.tickflow.event.EventType;
import io.tickflow.event.ParsedEvent;

/**
 * How one event type lands in its PostgreSQL table: the staging table COPY fills (temporary,
 * emptied at commit), the statement moving staged rows into the table idempotently, and the
 * row of values for an event. A table that keeps the first of duplicate rows (ON CONFLICT DO
 * NOTHING) names itself as the direct target: a batch none of whose rows are stored yet can be
 * COPYed straight into it. Each column is filled from a field of the event type, or its time
 * ({@link #TIME}): the index of the field in {@link EventType#fields()}.
 */
record PostgresTable(String directTarget, String staging, String columns, String stagingColumns,
        String merge, int[] sources) {

    static final int TIME = -1;

    boolean copiesDirectly() {
        return directTarget != null;
    }

    String copyDirect() {
        return "COPY " + directTarget + " (" + columns + ") FROM STDIN WITH (FORMAT csv)";
    }

    String createStaging() {
        return "CREATE TEMP TABLE IF NOT EXISTS " + staging + " (" + stagingColumns + ") ON COMMIT DELETE ROWS";
    }

    String copyStaging() {
        return "COPY " + staging + " (" + columns + ") FROM STDIN WITH (FORMAT csv)";
    }

    String mergeStaging() {
        return merge;
    }

    /** The value of a column for a parsed event: a String, Long, Boolean, Instant or null. */
    Object value(ParsedEvent event, int column) {
        int source = sources[column];
        return source == TIME ? event.time() : event.value(source);
    }

    /** The columns' sources: the event's fields by JSON name, its time field as {@link #TIME}. */
    private static int[] sources(EventType type, String... json) {
        List<String> fields = type.fields().stream().map(EventField::json).toList();
        int[] sources = new int[json.length];
        for (int i = 0; i < json.length; i++) {
            if (json[i].equals(type.timeField())) {
                sources[i] = TIME;
            } else if ((sources[i] = fields.indexOf(json[i])) < 0) {
                throw new IllegalArgumentException(type + " has no field " + json[i]);
            }
        }
        return sources;
    }

    static PostgresTable records(String table) {
        String staging = "tickflow_staging_" + table;
        return new PostgresTable(table, staging, "name, time, value", "name TEXT, time TIMESTAMPTZ, value BIGINT",
                "INSERT INTO " + table + " (name, time, value) SELECT name, time, value FROM " + staging
                        + " ON CONFLICT (name, time) DO NOTHING",
                sources(EventType.TICK, "name", "time", "value"));
    }

    static PostgresTable trades(String table) {
        String staging = "tickflow_staging_" + table;
        String columns = "trade_id, symbol, trade_volume, timestamp, exchange, price, side, base_volume";
        return new PostgresTable(table, staging, columns,
                "trade_id TEXT, symbol TEXT, trade_volume NUMERIC, timestamp TIMESTAMPTZ, exchange TEXT, price NUMERIC, side TEXT,"
                        + " base_volume NUMERIC",
                "INSERT INTO " + table + " (" + columns + ") SELECT " + columns + " FROM " + staging
                        + " ON CONFLICT (exchange, symbol, trade_id) DO NOTHING",
                // base_volume stays NULL where the contract size is not known
                sources(EventType.TRADE, "tradeId", "symbol", "amount", "ts", "exchange", "price", "side", "baseAmount"));
    }

    static PostgresTable currentPrice(String table) {
        String staging = "tickflow_staging_" + table;
        String columns = "exchange, symbol, bid_price, bid_size, ask_price, ask_size, updated_at";
        // the newest quote of the batch per instrument, and never an older one over a newer row
        return new PostgresTable(null, staging, columns,
                "exchange TEXT, symbol TEXT, bid_price NUMERIC, bid_size NUMERIC, ask_price NUMERIC, ask_size NUMERIC, updated_at TIMESTAMPTZ",
                "INSERT INTO " + table + " AS current (" + columns + ") SELECT DISTINCT ON (exchange, symbol) " + columns
                        + " FROM " + staging + " ORDER BY exchange, symbol, updated_at DESC"
                        + " ON CONFLICT (exchange, symbol) DO UPDATE SET bid_price = EXCLUDED.bid_price,"
                        + " bid_size = EXCLUDED.bid_size, ask_price = EXCLUDED.ask_price, ask_size = EXCLUDED.ask_size,"
                        + " updated_at = EXCLUDED.updated_at WHERE current.updated_at <= EXCLUDED.updated_at",
                // some feeds send quotes without sizes: those columns stay NULL
                sources(EventType.QUOTE, "exchange", "symbol", "bidPrice", "bidSize", "askPrice", "askSize", "ts"));
    }
}
