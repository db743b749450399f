-- PostgreSQL schema, created at start if missing. Double-braced names are Tickflow properties.
CREATE TABLE IF NOT EXISTS {{tickflow.sink.postgres.records-table}} (
    id    BIGSERIAL PRIMARY KEY,
    name  TEXT        NOT NULL,
    time  TIMESTAMPTZ NOT NULL,
    value BIGINT      NOT NULL,
    -- a replayed tick is the same row: the sink inserts with ON CONFLICT DO NOTHING
    UNIQUE (name, time)
);
