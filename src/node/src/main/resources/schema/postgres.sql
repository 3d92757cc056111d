-- ActorTrading on PostgreSQL: the journal, snapshot and durable-state tables of pekko-persistence-jdbc
-- 1.1.1 (schema/postgres/postgres-create-schema.sql in its jar, made re-runnable), the market_data
-- table the bar projection fills, its offset, and sys_metrics.
--
-- A node runs this whole file at every start when actortrading.persistence.profile = postgres, so
-- every statement is idempotent. An operator may run it by hand before the first start:
--   psql "$PG_URL_WITHOUT_JDBC_PREFIX" -v ON_ERROR_STOP=1 -f postgres.sql

CREATE TABLE IF NOT EXISTS event_journal (
    ordering          BIGSERIAL,
    persistence_id    VARCHAR(255) NOT NULL,
    sequence_number   BIGINT       NOT NULL,
    deleted           BOOLEAN      DEFAULT FALSE NOT NULL,
    writer            VARCHAR(255) NOT NULL,
    write_timestamp   BIGINT,
    adapter_manifest  VARCHAR(255),
    event_ser_id      INTEGER      NOT NULL,
    event_ser_manifest VARCHAR(255) NOT NULL,
    event_payload     BYTEA        NOT NULL,
    meta_ser_id       INTEGER,
    meta_ser_manifest VARCHAR(255),
    meta_payload      BYTEA,
    PRIMARY KEY (persistence_id, sequence_number)
);
CREATE UNIQUE INDEX IF NOT EXISTS event_journal_ordering_idx ON event_journal (ordering);

CREATE TABLE IF NOT EXISTS event_tag (
    event_id BIGINT,
    tag      VARCHAR(256),
    PRIMARY KEY (event_id, tag),
    CONSTRAINT fk_event_journal FOREIGN KEY (event_id) REFERENCES event_journal (ordering) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS snapshot (
    persistence_id        VARCHAR(255) NOT NULL,
    sequence_number       BIGINT       NOT NULL,
    created               BIGINT       NOT NULL,
    snapshot_ser_id       INTEGER      NOT NULL,
    snapshot_ser_manifest VARCHAR(255) NOT NULL,
    snapshot_payload      BYTEA        NOT NULL,
    meta_ser_id           INTEGER,
    meta_ser_manifest     VARCHAR(255),
    meta_payload          BYTEA,
    PRIMARY KEY (persistence_id, sequence_number)
);

CREATE TABLE IF NOT EXISTS durable_state (
    global_offset         BIGSERIAL,
    persistence_id        VARCHAR(255) NOT NULL,
    revision              BIGINT       NOT NULL,
    state_payload         BYTEA        NOT NULL,
    state_serial_id       INTEGER      NOT NULL,
    state_serial_manifest VARCHAR(255),
    tag                   VARCHAR,
    state_timestamp       BIGINT       NOT NULL,
    PRIMARY KEY (persistence_id)
);
CREATE INDEX IF NOT EXISTS state_tag_idx ON durable_state (tag);
CREATE INDEX IF NOT EXISTS state_global_offset_idx ON durable_state (global_offset);

-- One row per closed bar. Prices are double precision so that a row holds exactly the double the
-- symbol actor computed (numeric would round-trip through decimal text).
CREATE TABLE IF NOT EXISTS market_data (
    symbol      TEXT             NOT NULL,
    timeframe   TEXT             NOT NULL,
    start       TIMESTAMPTZ      NOT NULL,
    open        DOUBLE PRECISION NOT NULL,
    high        DOUBLE PRECISION NOT NULL,
    low         DOUBLE PRECISION NOT NULL,
    close       DOUBLE PRECISION NOT NULL,
    volume      DOUBLE PRECISION NOT NULL,
    vwap        DOUBLE PRECISION NOT NULL,
    trades      BIGINT           NOT NULL,
    source      TEXT,
    inserted_at TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (symbol, timeframe, start)
);

-- Where each projection of the journal has got to; written in the transaction that writes its rows.
CREATE TABLE IF NOT EXISTS projection_offset (
    projection  TEXT        PRIMARY KEY,
    last_offset BIGINT      NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS sys_metrics (
    ts      TIMESTAMPTZ      NOT NULL,
    service TEXT             NOT NULL,
    metric  TEXT             NOT NULL,
    value   DOUBLE PRECISION NOT NULL,
    tags    JSONB            NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX IF NOT EXISTS sys_metrics_metric_ts_idx ON sys_metrics (metric, ts DESC);

-- With TimescaleDB installed in this database the two time series become hypertables; on plain
-- PostgreSQL they stay ordinary tables.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        PERFORM create_hypertable('market_data', 'start', if_not_exists => TRUE, migrate_data => TRUE);
        PERFORM create_hypertable('sys_metrics', 'ts', if_not_exists => TRUE, migrate_data => TRUE);
    END IF;
END
$$;
