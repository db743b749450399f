-- QuestDB schema, created at start if missing. Double-braced names are Tickflow properties.
CREATE TABLE IF NOT EXISTS {{tickflow.sink.questdb.tickers-table}} (
    name SYMBOL,
    value LONG,
    time TIMESTAMP
) TIMESTAMP(time) PARTITION BY DAY WAL
DEDUP UPSERT KEYS(time, name);
