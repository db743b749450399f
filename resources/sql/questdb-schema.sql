-- QuestDB schema, created at start if missing. Double-braced names are Tickflow properties.
-- Every table de-duplicates on its natural key, so a replayed Kafka batch is harmless.
-- Prices and amounts are DECIMAL: exchange values are stored exactly as they were sent.
CREATE TABLE IF NOT EXISTS {{tickflow.sink.questdb.tickers-table}} (
    name SYMBOL,
    value LONG,
    time TIMESTAMP
) TIMESTAMP(time) PARTITION BY DAY WAL
DEDUP UPSERT KEYS(time, name);

CREATE TABLE IF NOT EXISTS {{tickflow.sink.questdb.trades-table}} (
    ts TIMESTAMP,
    received_ts TIMESTAMP,
    exchange SYMBOL,
    symbol SYMBOL,
    raw_symbol SYMBOL,
    side SYMBOL,
    price DECIMAL(38, 18),
    amount DECIMAL(38, 18),
    base_amount DECIMAL(38, 18),
    quote_amount DECIMAL(38, 18),
    trade_id VARCHAR
) TIMESTAMP(ts) PARTITION BY DAY WAL
DEDUP UPSERT KEYS(ts, exchange, symbol, trade_id);
-- amount as the exchange sent it (contracts, for most derivatives), base_amount in the base asset,
-- quote_amount where the exchange sends it. A table made before they existed gets them from the
-- first ILP row that has them (QuestDB creates missing columns, while ALTER ... IF NOT EXISTS is refused
-- as a no-op on WAL tables)

CREATE TABLE IF NOT EXISTS {{tickflow.sink.questdb.quotes-table}} (
    ts TIMESTAMP,
    received_ts TIMESTAMP,
    exchange SYMBOL,
    symbol SYMBOL,
    raw_symbol SYMBOL,
    bid_price DECIMAL(38, 18),
    bid_size DECIMAL(38, 18),
    ask_price DECIMAL(38, 18),
    ask_size DECIMAL(38, 18)
) TIMESTAMP(ts) PARTITION BY DAY WAL
DEDUP UPSERT KEYS(ts, exchange, symbol);

CREATE TABLE IF NOT EXISTS {{tickflow.sink.questdb.liquidations-table}} (
    ts TIMESTAMP,
    received_ts TIMESTAMP,
    exchange SYMBOL,
    symbol SYMBOL,
    raw_symbol SYMBOL,
    side SYMBOL,
    price DECIMAL(38, 18),
    amount DECIMAL(38, 18),
    base_amount DECIMAL(38, 18),
    quote_amount DECIMAL(38, 18),
    order_status SYMBOL
) TIMESTAMP(ts) PARTITION BY DAY WAL
DEDUP UPSERT KEYS(ts, exchange, symbol, side, price, amount);

CREATE TABLE IF NOT EXISTS {{tickflow.sink.questdb.candles-table}} (
    ts TIMESTAMP,
    received_ts TIMESTAMP,
    exchange SYMBOL,
    symbol SYMBOL,
    raw_symbol SYMBOL,
    interval SYMBOL,
    open DECIMAL(38, 18),
    high DECIMAL(38, 18),
    low DECIMAL(38, 18),
    close DECIMAL(38, 18),
    volume DECIMAL(38, 18),
    closed BOOLEAN
) TIMESTAMP(ts) PARTITION BY DAY WAL
DEDUP UPSERT KEYS(ts, exchange, symbol, interval);
