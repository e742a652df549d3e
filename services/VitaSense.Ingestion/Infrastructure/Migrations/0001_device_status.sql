-- Every accepted status report. Monthly range partitions are created ahead by MonthlyPartitionMaintainer;
-- the DEFAULT partition catches any date outside them, so an insert never fails for want of a partition.
CREATE TABLE ingestion.device_status_history (
    user_id       text        NOT NULL,
    device_id     text        NOT NULL,
    "timestamp"   timestamptz NOT NULL,
    battery_level smallint    NOT NULL CHECK (battery_level BETWEEN 0 AND 100),
    rssi          smallint    NOT NULL,
    online        boolean     NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now()
) PARTITION BY RANGE ("timestamp");

CREATE TABLE ingestion.device_status_history_default PARTITION OF ingestion.device_status_history DEFAULT;

-- One index serves both needs: the unique key makes a re-sent (device_id, timestamp) a no-op
-- (ON CONFLICT DO NOTHING), and its descending time order serves "newest first" history reads.
-- A separate primary key on the same columns would double the index work of every insert.
CREATE UNIQUE INDEX device_status_history_key
    ON ingestion.device_status_history (user_id, device_id, "timestamp" DESC);

CREATE INDEX device_status_history_time_brin
    ON ingestion.device_status_history USING brin ("timestamp");

-- The newest report per device; replaced only by a report with a later timestamp.
CREATE TABLE ingestion.device_status_latest (
    user_id       text        NOT NULL,
    device_id     text        NOT NULL,
    "timestamp"   timestamptz NOT NULL,
    battery_level smallint    NOT NULL,
    rssi          smallint    NOT NULL,
    online        boolean     NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (user_id, device_id)
);
