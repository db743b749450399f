-- PostgreSQL schema, created at start if missing. Double-braced names are Tickflow properties.
-- Every table has a natural key, so the sinks insert with ON CONFLICT and replays are harmless.
CREATE TABLE IF NOT EXISTS {{tickflow.sink.postgres.records-table}} (
    id    BIGSERIAL PRIMARY KEY,
    name  TEXT        NOT NULL,
    time  TIMESTAMPTZ NOT NULL,
    value BIGINT      NOT NULL,
    UNIQUE (name, time)
);

-- the seeds' trade history (trade_id, symbol, trade_volume, timestamp), plus where and at what price
CREATE TABLE IF NOT EXISTS {{tickflow.sink.postgres.trades-table}} (
    trade_id     TEXT        NOT NULL,
    symbol       TEXT        NOT NULL,
    trade_volume NUMERIC     NOT NULL,
    timestamp    TIMESTAMPTZ NOT NULL,
    exchange     TEXT        NOT NULL,
    price        NUMERIC     NOT NULL,
    side         TEXT        NOT NULL,
    PRIMARY KEY (exchange, symbol, trade_id)
);
CREATE INDEX IF NOT EXISTS {{tickflow.sink.postgres.trades-table}}_symbol_time
    ON {{tickflow.sink.postgres.trades-table}} (symbol, timestamp);

-- one row per symbol and exchange: the best bid and ask, upserted from quotes
CREATE TABLE IF NOT EXISTS {{tickflow.sink.postgres.current-price-table}} (
    exchange   TEXT        NOT NULL,
    symbol     TEXT        NOT NULL,
    bid_price  NUMERIC,
    bid_size   NUMERIC,
    ask_price  NUMERIC,
    ask_size   NUMERIC,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (exchange, symbol)
);

-- per symbol and hour: how many trades and how much volume (the hourly statistics job fills it
-- from the trade history; one row per symbol and hour, so re-running an hour replaces it)
CREATE TABLE IF NOT EXISTS {{tickflow.sink.postgres.symbol-stats-table}} (
    symbol             TEXT        NOT NULL,
    hour_start         TIMESTAMPTZ NOT NULL,
    transaction_count  BIGINT      NOT NULL,
    total_volume_trade NUMERIC     NOT NULL,
    PRIMARY KEY (symbol, hour_start)
);
