package io.tickflow.sink;

import java.util.List;
import java.util.function.Function;

import io.tickflow.event.ParsedEvent;

/**
 * How one event type lands in its PostgreSQL table: the staging table COPY fills (temporary,
 * emptied at commit), the statement moving staged rows into the table idempotently, and the
 * row of values for an event. A table that keeps the first of duplicate rows (ON CONFLICT DO
 * NOTHING) names itself as the direct target: a batch none of whose rows are stored yet can be
 * COPYed straight into it.
 */
record PostgresTable(String directTarget, String staging, String columns, String stagingColumns, String merge,
        Function<ParsedEvent, List<Object>> rowOf) {

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

    List<Object> row(ParsedEvent event) {
        return rowOf.apply(event);
    }

    static PostgresTable records(String table) {
        String staging = "tickflow_staging_" + table;
        return new PostgresTable(table, staging, "name, time, value", "name TEXT, time TIMESTAMPTZ, value BIGINT",
                "INSERT INTO " + table + " (name, time, value) SELECT name, time, value FROM " + staging
                        + " ON CONFLICT (name, time) DO NOTHING",
                e -> List.of(e.value("name"), e.time(), e.value("value")));
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
                e -> java.util.Arrays.asList(e.value("tradeId"), e.value("symbol"), e.value("amount"), e.time(),
                        e.value("exchange"), e.value("price"), e.value("side"), e.value("baseAmount")));
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
                e -> java.util.Arrays.asList(e.value("exchange"), e.value("symbol"), e.value("bidPrice"),
                        e.value("bidSize"), e.value("askPrice"), e.value("askSize"), e.time()));
    }
}
