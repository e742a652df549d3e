-- The read side of the agents, written by the insights recorder (consumer group agents-insights) and read by the
-- /data and /forecast endpoints, always filtered by the caller's user_id.

-- Device anomalies, one row per DeviceAnomalyDetected event: its CloudEvent id makes a redelivery insert nothing.
CREATE TABLE agents.anomalies (
    id          text        PRIMARY KEY,
    user_id     text        NOT NULL,
    device_id   text        NOT NULL,
    type        text        NOT NULL,
    severity    text        NOT NULL,
    detected_at timestamptz NOT NULL,
    payload     jsonb       NOT NULL
);

CREATE INDEX anomalies_user_device ON agents.anomalies (user_id, device_id, detected_at DESC);

-- Data quality issues, one row per issue id (equal to the event id, stable across reprocessing).
CREATE TABLE agents.quality_issues (
    issue_id   text             PRIMARY KEY,
    user_id    text             NOT NULL,
    device_id  text,
    source     text             NOT NULL,
    metric     text             NOT NULL,
    issue_type text             NOT NULL,
    severity   text             NOT NULL,
    timestamp  timestamptz      NOT NULL,
    value      double precision,
    detail     text             NOT NULL
);

CREATE INDEX quality_issues_user_device ON agents.quality_issues (user_id, device_id, timestamp DESC);
CREATE INDEX quality_issues_user_source ON agents.quality_issues (user_id, source, timestamp DESC);

-- Daily aggregates of processed readings per user and metric, on the reading's local day. A sum cannot be upserted
-- idempotently by itself: recorded_events holds the processed events already added, in the same transaction.
CREATE TABLE agents.daily_values (
    user_id text             NOT NULL,
    metric  text             NOT NULL,
    day     date             NOT NULL,
    sum     double precision NOT NULL,
    count   integer          NOT NULL,
    min     double precision NOT NULL,
    max     double precision NOT NULL,
    last    double precision NOT NULL,
    last_at timestamptz      NOT NULL,
    PRIMARY KEY (user_id, metric, day)
);

CREATE TABLE agents.recorded_events (
    event_id    text        PRIMARY KEY,
    recorded_at timestamptz NOT NULL DEFAULT now()
);

-- Pruned by age (InsightsRetention): an id only has to outlive any redelivery, i.e. the topic's retention.
CREATE INDEX recorded_events_recorded_at ON agents.recorded_events (recorded_at);
