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
-- trade_volume is the amount as the exchange sent it (contracts, for most derivatives); base_volume
-- the same in the base asset (NULL where the contract size is not known); added to older tables
ALTER TABLE {{tickflow.sink.postgres.trades-table}} ADD COLUMN IF NOT EXISTS base_volume NUMERIC;
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

-- per symbol and hour: how many trades and how much volume in the base asset (the hourly statistics job fills it
-- from the trade history; one row per symbol and hour, so re-running an hour replaces it)
CREATE TABLE IF NOT EXISTS {{tickflow.sink.postgres.symbol-stats-table}} (
    symbol             TEXT        NOT NULL,
    hour_start         TIMESTAMPTZ NOT NULL,
    transaction_count  BIGINT      NOT NULL,
    total_volume_trade NUMERIC     NOT NULL,
    PRIMARY KEY (symbol, hour_start)
);

-- the instrument registry: each venue's instruments as its public endpoint lists them (type spot,
-- perpetual or future; contract_size in the base asset, or in the quote asset when inverse; NULL
-- where not fixed), replaced per venue on each successful download
CREATE TABLE IF NOT EXISTS {{tickflow.instruments.table}} (
    exchange      TEXT        NOT NULL,
    raw_symbol    TEXT        NOT NULL,
    symbol        TEXT        NOT NULL,
    base          TEXT        NOT NULL,
    quote         TEXT        NOT NULL,
    settle        TEXT,
    type          TEXT        NOT NULL,
    expiry        DATE,
    contract_size NUMERIC,
    inverse       BOOLEAN     NOT NULL,
    tick_size     NUMERIC,
    lot_size      NUMERIC,
    updated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (exchange, raw_symbol)
);

-- webhook subscriptions: where to send which events, signed with the secret; status is
-- active, paused or disabled (failing for too long, disabled_reason says why)
CREATE TABLE IF NOT EXISTS {{tickflow.webhooks.subscriptions-table}} (
    id              TEXT PRIMARY KEY,
    url             TEXT        NOT NULL,
    event_types     TEXT[]      NOT NULL,
    filters         JSONB       NOT NULL DEFAULT '{}',
    description     TEXT,
    secret          TEXT        NOT NULL,
    status          TEXT        NOT NULL,
    disabled_reason TEXT,
    failing_since   TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
-- batching: at most this many events per request (NULL: one event per request); added to
-- tables created before batching existed
ALTER TABLE {{tickflow.webhooks.subscriptions-table}} ADD COLUMN IF NOT EXISTS batch_max_events INT;

-- a body sent to several subscriptions (alike ones: same event types, filters and batching),
-- stored once for all of their messages instead of a copy each
CREATE TABLE IF NOT EXISTS {{tickflow.webhooks.bodies-table}} (
    id   TEXT PRIMARY KEY,
    body TEXT NOT NULL
);

-- one row per request: one event, or for a batched subscription up to batch_max_events events
-- (event_count, event_time to last_event_time); the exact body sent (webhook-id = id on every
-- attempt), in body or, when shared, in the bodies table (body_id); pending until delivered or
-- failed (parked); next_attempt_at is the durable retry schedule, or the lease of an attempt
CREATE TABLE IF NOT EXISTS {{tickflow.webhooks.messages-table}} (
    id              TEXT PRIMARY KEY,
    subscription_id TEXT        NOT NULL REFERENCES {{tickflow.webhooks.subscriptions-table}} (id) ON DELETE CASCADE,
    event_type      TEXT        NOT NULL,
    event_time      TIMESTAMPTZ NOT NULL,
    body            TEXT,
    status          TEXT        NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS {{tickflow.webhooks.messages-table}}_due
    ON {{tickflow.webhooks.messages-table}} (next_attempt_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS {{tickflow.webhooks.messages-table}}_subscription_time
    ON {{tickflow.webhooks.messages-table}} (subscription_id, event_time);
-- batches (a replay sends again every batch with an event in the range); added to older tables
ALTER TABLE {{tickflow.webhooks.messages-table}} ADD COLUMN IF NOT EXISTS event_count INT NOT NULL DEFAULT 1;
ALTER TABLE {{tickflow.webhooks.messages-table}} ADD COLUMN IF NOT EXISTS last_event_time TIMESTAMPTZ;
-- shared bodies; added to older tables, whose body column was required
ALTER TABLE {{tickflow.webhooks.messages-table}} ALTER COLUMN body DROP NOT NULL;
ALTER TABLE {{tickflow.webhooks.messages-table}} ADD COLUMN IF NOT EXISTS body_id TEXT
    REFERENCES {{tickflow.webhooks.bodies-table}} (id);
CREATE INDEX IF NOT EXISTS {{tickflow.webhooks.messages-table}}_body
    ON {{tickflow.webhooks.messages-table}} (body_id) WHERE body_id IS NOT NULL;

-- per consumer group and partition, the next Kafka offset not yet queued, written in the same
-- transaction as the messages: a re-read batch, however its poll is cut, queues nothing twice
CREATE TABLE IF NOT EXISTS {{tickflow.webhooks.intake-offsets-table}} (
    group_id        TEXT   NOT NULL,
    topic           TEXT   NOT NULL,
    kafka_partition INT    NOT NULL,
    next_offset     BIGINT NOT NULL,
    PRIMARY KEY (group_id, topic, kafka_partition)
);

-- the delivery log: every attempt with its time, status code, latency and error
CREATE TABLE IF NOT EXISTS {{tickflow.webhooks.attempts-table}} (
    id              BIGSERIAL PRIMARY KEY,
    message_id      TEXT        NOT NULL REFERENCES {{tickflow.webhooks.messages-table}} (id) ON DELETE CASCADE,
    subscription_id TEXT        NOT NULL,
    attempt         INT         NOT NULL,
    attempted_at    TIMESTAMPTZ NOT NULL,
    status_code     INT,
    latency_ms      INT         NOT NULL,
    error           TEXT,
    outcome         TEXT        NOT NULL
);
CREATE INDEX IF NOT EXISTS {{tickflow.webhooks.attempts-table}}_subscription
    ON {{tickflow.webhooks.attempts-table}} (subscription_id, id);

-- backfill jobs (POST /api/backfills): what was asked, where it stands; heartbeat_at is renewed by
-- the instance running a job, and a queued or running job whose heartbeat stopped (its instance
-- stopped or died) is taken over by the next instance to look
CREATE TABLE IF NOT EXISTS {{tickflow.backfill.jobs-table}} (
    id          TEXT        PRIMARY KEY,
    exchange    TEXT        NOT NULL,
    symbols     TEXT[]      NOT NULL,
    interval    TEXT        NOT NULL,
    from_ts     TIMESTAMPTZ NOT NULL,
    to_ts       TIMESTAMPTZ NOT NULL,
    state       TEXT        NOT NULL,
    pages_total INTEGER     NOT NULL DEFAULT 0,
    pages_done  INTEGER     NOT NULL DEFAULT 0,
    rows        BIGINT      NOT NULL DEFAULT 0,
    errors      INTEGER     NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    heartbeat_at TIMESTAMPTZ
);

-- per exchange, symbol and interval: the range [range_from, next_from) a backfill has gone through
-- (each page published, or recorded in the errors table); a job starting inside it goes on from next_from
CREATE TABLE IF NOT EXISTS {{tickflow.backfill.checkpoints-table}} (
    exchange   TEXT        NOT NULL,
    symbol     TEXT        NOT NULL,
    interval   TEXT        NOT NULL,
    range_from TIMESTAMPTZ NOT NULL,
    next_from  TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (exchange, symbol, interval)
);

-- pages that failed for good (after the retries), one row per page: a rerun over the page retries it
-- and deletes the row once the page is published
CREATE TABLE IF NOT EXISTS {{tickflow.backfill.errors-table}} (
    exchange  TEXT        NOT NULL,
    symbol    TEXT        NOT NULL,
    interval  TEXT        NOT NULL,
    page_from TIMESTAMPTZ NOT NULL,
    page_to   TIMESTAMPTZ NOT NULL,
    job_id    TEXT        NOT NULL,
    reason    TEXT        NOT NULL,
    attempts  INTEGER     NOT NULL,
    failed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (exchange, symbol, interval, page_from)
);
