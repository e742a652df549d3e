-- The tracking service's records. Every row belongs to one user (the JWT sub) and says where it came from:
-- source 'manual' for what the user posted, 'device' for what the processed device stream brought (source_ref then
-- identifies the reading, so replaying the stream inserts nothing twice). Times are timestamptz (the instant) plus
-- utc_offset (the reading's own offset in minutes), so a user's "day" can be their local day.

CREATE TABLE tracking.profiles (
    user_id            text        PRIMARY KEY,
    birth_date         date,
    sex                text,
    height_cm          double precision,
    resting_heart_rate double precision,
    max_heart_rate     double precision,
    time_zone          text        NOT NULL DEFAULT 'UTC',
    updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tracking.activities (
    activity_id      uuid             PRIMARY KEY,
    user_id          text             NOT NULL,
    activity_type    text             NOT NULL,
    start_time       timestamptz      NOT NULL,
    end_time         timestamptz      NOT NULL,
    utc_offset       smallint         NOT NULL DEFAULT 0,
    duration_minutes double precision NOT NULL,
    distance_km      double precision,
    calories_burned  double precision,
    steps            integer,
    elevation_gain_m double precision,
    pace_min_per_km  double precision,
    average_heart_rate double precision,
    heart_rate_data  jsonb,
    route            jsonb,
    weather          jsonb,
    notes            text,
    device_id        text,
    source           text             NOT NULL DEFAULT 'manual',
    source_ref       text,
    created_at       timestamptz      NOT NULL DEFAULT now(),
    updated_at       timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX activities_user_time ON tracking.activities (user_id, start_time DESC);
CREATE UNIQUE INDEX activities_source_ref ON tracking.activities (user_id, source_ref) WHERE source_ref IS NOT NULL;

-- One row per reading of any metric type: value in the type's canonical unit (null for structured-only types),
-- values with the structure (systolic/diastolic/pulse, meal context, body composition...).
CREATE TABLE tracking.metrics (
    metric_id    uuid             NOT NULL,
    user_id      text             NOT NULL,
    metric_type  text             NOT NULL,
    recorded_at  timestamptz      NOT NULL,
    utc_offset   smallint         NOT NULL DEFAULT 0,
    value        double precision,
    unit         text,
    "values"     jsonb            NOT NULL DEFAULT '{}',
    device_id    text,
    notes        text,
    quality_score double precision,
    source       text             NOT NULL DEFAULT 'manual',
    source_ref   text,
    created_at   timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (metric_id, recorded_at)
) PARTITION BY RANGE (recorded_at);
CREATE TABLE tracking.metrics_default PARTITION OF tracking.metrics DEFAULT;
CREATE INDEX metrics_user_type_time ON tracking.metrics (user_id, metric_type, recorded_at DESC);
CREATE UNIQUE INDEX metrics_source_ref ON tracking.metrics (user_id, metric_type, source_ref, recorded_at) WHERE source_ref IS NOT NULL;

CREATE TABLE tracking.heart_rate_samples (
    sample_id    uuid             NOT NULL,
    user_id      text             NOT NULL,
    recorded_at  timestamptz      NOT NULL,
    utc_offset   smallint         NOT NULL DEFAULT 0,
    bpm          double precision NOT NULL,
    hrv_ms       double precision,
    context      text,
    device_id    text,
    quality_score double precision,
    source       text             NOT NULL DEFAULT 'manual',
    source_ref   text,
    created_at   timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (sample_id, recorded_at)
) PARTITION BY RANGE (recorded_at);
CREATE TABLE tracking.heart_rate_samples_default PARTITION OF tracking.heart_rate_samples DEFAULT;
CREATE INDEX heart_rate_samples_user_time ON tracking.heart_rate_samples (user_id, recorded_at DESC);
CREATE UNIQUE INDEX heart_rate_samples_source_ref ON tracking.heart_rate_samples (user_id, source_ref, recorded_at) WHERE source_ref IS NOT NULL;

CREATE TABLE tracking.sleep_sessions (
    sleep_id         uuid             PRIMARY KEY,
    user_id          text             NOT NULL,
    start_time       timestamptz      NOT NULL,
    end_time         timestamptz      NOT NULL,
    utc_offset       smallint         NOT NULL DEFAULT 0,
    duration_hours   double precision NOT NULL,
    sleep_stages     jsonb,
    sleep_score      integer,
    sleep_efficiency double precision,
    device_id        text,
    notes            text,
    source           text             NOT NULL DEFAULT 'manual',
    source_ref       text,
    created_at       timestamptz      NOT NULL DEFAULT now(),
    updated_at       timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX sleep_sessions_user_time ON tracking.sleep_sessions (user_id, start_time DESC);
CREATE UNIQUE INDEX sleep_sessions_source_ref ON tracking.sleep_sessions (user_id, source_ref) WHERE source_ref IS NOT NULL;

CREATE TABLE tracking.goals (
    goal_id      uuid             PRIMARY KEY,
    user_id      text             NOT NULL,
    goal_type    text             NOT NULL,
    target_value double precision NOT NULL,
    direction    text             NOT NULL DEFAULT 'at_least',
    target_date  date             NOT NULL,
    frequency    text             NOT NULL,
    description  text,
    category     text,
    is_active    boolean          NOT NULL DEFAULT true,
    created_at   timestamptz      NOT NULL DEFAULT now(),
    updated_at   timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX goals_user ON tracking.goals (user_id, created_at DESC);

-- One row per goal and period it was reached in: the streak and milestones read these, and the unique key makes the
-- "goal reached" event fire once per period whatever recomputes it.
CREATE TABLE tracking.goal_achievements (
    goal_id      uuid             NOT NULL REFERENCES tracking.goals (goal_id) ON DELETE CASCADE,
    period_start date             NOT NULL,
    value        double precision NOT NULL,
    achieved_at  timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (goal_id, period_start)
);

-- Anomalies the agents published for this user (device-anomalies), for /analytics/anomalies.
CREATE TABLE tracking.anomalies (
    anomaly_id   text             PRIMARY KEY,
    user_id      text             NOT NULL,
    device_id    text,
    metric       text,
    anomaly_type text             NOT NULL,
    severity     text,
    detected_at  timestamptz      NOT NULL,
    value        double precision,
    detail       jsonb,
    created_at   timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX anomalies_user_time ON tracking.anomalies (user_id, detected_at DESC);
