-- The observation store. Every reading belongs to a stream: one user's one metric from one source (an app
-- source such as "My Apple Watch", or a device id). Rows then carry a 4-byte stream id instead of three strings,
-- which keeps the hot tables and their unique indexes narrow: that is what makes bulk merges fast.
CREATE TABLE ingestion.streams (
    stream_id  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    text        NOT NULL,
    metric     text        NOT NULL,
    source     text        NOT NULL,
    device_id  text,
    origin     text        NOT NULL CHECK (origin IN ('health_export', 'device_upload', 'vendor_sync')),
    unit       text,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, metric, source)
);

CREATE INDEX streams_device ON ingestion.streams (user_id, device_id) WHERE device_id IS NOT NULL;

-- Every payload as it arrived, compressed, written before its contents are processed, so any payload can be
-- replayed and a rejected one is still on record.
CREATE TABLE ingestion.raw_ingestions (
    ingestion_id   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        text        NOT NULL,
    api_key_id     text,
    kind           text        NOT NULL,
    device_id      text,
    session_id     text,
    headers        jsonb,
    content_type   text,
    received_at    timestamptz NOT NULL DEFAULT now(),
    completed_at   timestamptz,
    bytes_received bigint      NOT NULL DEFAULT 0,
    status         text        NOT NULL DEFAULT 'receiving'
                   CHECK (status IN ('receiving', 'completed', 'partial', 'rejected', 'failed')),
    error          text,
    summary        jsonb
);

CREATE INDEX raw_ingestions_user ON ingestion.raw_ingestions (user_id, received_at DESC);
CREATE INDEX raw_ingestions_session ON ingestion.raw_ingestions (user_id, session_id) WHERE session_id IS NOT NULL;

-- The body in order, a Brotli-compressed block per row.
CREATE TABLE ingestion.raw_ingestion_chunks (
    ingestion_id bigint      NOT NULL,
    seq          integer     NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    raw_length   integer     NOT NULL,
    compressed   bytea       NOT NULL,
    PRIMARY KEY (ingestion_id, seq, received_at)
) PARTITION BY RANGE (received_at);
CREATE TABLE ingestion.raw_ingestion_chunks_default PARTITION OF ingestion.raw_ingestion_chunks DEFAULT;

-- A "Batch Requests" export: several POSTs sharing a session-id header.
CREATE TABLE ingestion.sync_sessions (
    user_id        text        NOT NULL,
    session_id     text        NOT NULL,
    automation     jsonb,
    first_seen_at  timestamptz NOT NULL DEFAULT now(),
    last_seen_at   timestamptz NOT NULL DEFAULT now(),
    requests       integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, session_id)
);

-- Who ingested, read or deleted what.
CREATE TABLE ingestion.audit_log (
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    user_id      text        NOT NULL,
    api_key_id   text,
    action       text        NOT NULL,
    resource     text        NOT NULL,
    ingestion_id bigint,
    details      jsonb
) PARTITION BY RANGE (occurred_at);
CREATE TABLE ingestion.audit_log_default PARTITION OF ingestion.audit_log DEFAULT;
CREATE INDEX audit_log_user ON ingestion.audit_log (user_id, occurred_at);

-- Typed and generic readings. utc_offset is the reading's own offset in minutes, so local time is never lost.
-- The unique key (stream_id, time) makes a re-sent reading a no-op and serves (user, metric, time) queries
-- through the stream; BRIN on time serves scans by period.
CREATE TABLE ingestion.quantity_observations (
    stream_id      integer          NOT NULL,
    observed_at    timestamptz      NOT NULL,
    utc_offset     smallint         NOT NULL,
    value          double precision NOT NULL,
    original_value double precision,
    original_unit  text,
    quality        text,
    context        text,
    ingestion_id   bigint           NOT NULL
) PARTITION BY RANGE (observed_at);
CREATE TABLE ingestion.quantity_observations_default PARTITION OF ingestion.quantity_observations DEFAULT;
CREATE UNIQUE INDEX quantity_observations_key ON ingestion.quantity_observations (stream_id, observed_at);
CREATE INDEX quantity_observations_time ON ingestion.quantity_observations USING brin (observed_at);

CREATE TABLE ingestion.heart_rate_observations (
    stream_id    integer          NOT NULL,
    observed_at  timestamptz      NOT NULL,
    utc_offset   smallint         NOT NULL,
    min          double precision,
    avg          double precision NOT NULL,
    max          double precision,
    quality      text,
    context      text,
    ingestion_id bigint           NOT NULL
) PARTITION BY RANGE (observed_at);
CREATE TABLE ingestion.heart_rate_observations_default PARTITION OF ingestion.heart_rate_observations DEFAULT;
CREATE UNIQUE INDEX heart_rate_observations_key ON ingestion.heart_rate_observations (stream_id, observed_at);
CREATE INDEX heart_rate_observations_time ON ingestion.heart_rate_observations USING brin (observed_at);

CREATE TABLE ingestion.blood_pressure_observations (
    stream_id    integer          NOT NULL,
    observed_at  timestamptz      NOT NULL,
    utc_offset   smallint         NOT NULL,
    systolic     double precision NOT NULL,
    diastolic    double precision NOT NULL,
    quality      text,
    ingestion_id bigint           NOT NULL
) PARTITION BY RANGE (observed_at);
CREATE TABLE ingestion.blood_pressure_observations_default PARTITION OF ingestion.blood_pressure_observations DEFAULT;
CREATE UNIQUE INDEX blood_pressure_observations_key ON ingestion.blood_pressure_observations (stream_id, observed_at);
CREATE INDEX blood_pressure_observations_time ON ingestion.blood_pressure_observations USING brin (observed_at);

CREATE TABLE ingestion.blood_glucose_observations (
    stream_id      integer          NOT NULL,
    observed_at    timestamptz      NOT NULL,
    utc_offset     smallint         NOT NULL,
    value          double precision NOT NULL,
    original_value double precision,
    original_unit  text,
    meal_time      text,
    quality        text,
    ingestion_id   bigint           NOT NULL
) PARTITION BY RANGE (observed_at);
CREATE TABLE ingestion.blood_glucose_observations_default PARTITION OF ingestion.blood_glucose_observations DEFAULT;
CREATE UNIQUE INDEX blood_glucose_observations_key ON ingestion.blood_glucose_observations (stream_id, observed_at);
CREATE INDEX blood_glucose_observations_time ON ingestion.blood_glucose_observations USING brin (observed_at);

-- Unaggregated sleep: one row per stage segment.
CREATE TABLE ingestion.sleep_stages (
    stream_id    integer     NOT NULL,
    observed_at  timestamptz NOT NULL,
    ended_at     timestamptz NOT NULL,
    utc_offset   smallint    NOT NULL,
    stage        text        NOT NULL,
    ingestion_id bigint      NOT NULL
) PARTITION BY RANGE (observed_at);
CREATE TABLE ingestion.sleep_stages_default PARTITION OF ingestion.sleep_stages DEFAULT;
CREATE UNIQUE INDEX sleep_stages_key ON ingestion.sleep_stages (stream_id, observed_at, stage);
CREATE INDEX sleep_stages_time ON ingestion.sleep_stages USING brin (observed_at);

-- Aggregated sleep: one row per night (durations in hours).
CREATE TABLE ingestion.sleep_sessions (
    stream_id    integer     NOT NULL,
    observed_at  timestamptz NOT NULL,
    utc_offset   smallint    NOT NULL,
    sleep_start  timestamptz,
    sleep_end    timestamptz,
    in_bed_start timestamptz,
    in_bed_end   timestamptz,
    total_sleep  double precision,
    asleep       double precision,
    core         double precision,
    deep         double precision,
    rem          double precision,
    awake        double precision,
    in_bed       double precision,
    ingestion_id bigint      NOT NULL,
    PRIMARY KEY (stream_id, observed_at)
);

-- Workouts, keyed by the app's id (or, for the legacy format, by name and start).
CREATE TABLE ingestion.workouts (
    stream_id    integer          NOT NULL,
    workout_key  text             NOT NULL,
    name         text             NOT NULL,
    observed_at  timestamptz      NOT NULL,
    ended_at     timestamptz      NOT NULL,
    utc_offset   smallint         NOT NULL,
    duration_s   double precision,
    legacy       boolean          NOT NULL,
    summaries    jsonb,
    extra        jsonb,
    ingestion_id bigint           NOT NULL,
    PRIMARY KEY (stream_id, workout_key)
);
CREATE INDEX workouts_time ON ingestion.workouts (stream_id, observed_at);

CREATE TABLE ingestion.workout_heart_rate (
    stream_id   integer          NOT NULL,
    workout_key text             NOT NULL,
    observed_at timestamptz      NOT NULL,
    min         double precision,
    avg         double precision,
    max         double precision,
    PRIMARY KEY (stream_id, workout_key, observed_at)
);

CREATE TABLE ingestion.workout_route (
    stream_id   integer          NOT NULL,
    workout_key text             NOT NULL,
    seq         integer          NOT NULL,
    observed_at timestamptz,
    latitude    double precision NOT NULL,
    longitude   double precision NOT NULL,
    altitude    double precision,
    speed       double precision,
    PRIMARY KEY (stream_id, workout_key, seq)
);

CREATE TABLE ingestion.ecg_recordings (
    stream_id          integer          NOT NULL,
    observed_at        timestamptz      NOT NULL,
    ended_at           timestamptz,
    utc_offset         smallint         NOT NULL,
    classification     text,
    average_heart_rate double precision,
    sampling_frequency double precision,
    voltages           real[]           NOT NULL,
    ingestion_id       bigint           NOT NULL,
    PRIMARY KEY (stream_id, observed_at)
);

CREATE TABLE ingestion.symptoms (
    stream_id    integer     NOT NULL,
    name         text        NOT NULL,
    observed_at  timestamptz NOT NULL,
    ended_at     timestamptz,
    utc_offset   smallint    NOT NULL,
    severity     text,
    user_entered boolean,
    ingestion_id bigint      NOT NULL,
    PRIMARY KEY (stream_id, name, observed_at)
);

-- State of mind, medications, cycle tracking, heart-rate notifications: kept whole as the app sent them.
CREATE TABLE ingestion.health_records (
    stream_id    integer     NOT NULL,
    observed_at  timestamptz NOT NULL,
    ended_at     timestamptz,
    utc_offset   smallint    NOT NULL,
    name         text,
    record_key   text        NOT NULL,
    payload      jsonb       NOT NULL,
    ingestion_id bigint      NOT NULL,
    PRIMARY KEY (stream_id, observed_at, record_key)
);

-- The canonical time-series view of every reading: one row per (stream, time), a value where there is one
-- number and structured values where there are several.
CREATE VIEW ingestion.observations AS
    SELECT s.user_id, s.metric, s.source, s.device_id, s.origin, o.observed_at, o.utc_offset,
           o.value, NULL::jsonb AS "values", s.unit, o.quality, o.ingestion_id
    FROM ingestion.quantity_observations o JOIN ingestion.streams s USING (stream_id)
    UNION ALL
    SELECT s.user_id, s.metric, s.source, s.device_id, s.origin, o.observed_at, o.utc_offset,
           o.avg, jsonb_strip_nulls(jsonb_build_object('min', o.min, 'avg', o.avg, 'max', o.max)), s.unit, o.quality, o.ingestion_id
    FROM ingestion.heart_rate_observations o JOIN ingestion.streams s USING (stream_id)
    UNION ALL
    SELECT s.user_id, s.metric, s.source, s.device_id, s.origin, o.observed_at, o.utc_offset,
           NULL, jsonb_build_object('systolic', o.systolic, 'diastolic', o.diastolic), s.unit, o.quality, o.ingestion_id
    FROM ingestion.blood_pressure_observations o JOIN ingestion.streams s USING (stream_id)
    UNION ALL
    SELECT s.user_id, s.metric, s.source, s.device_id, s.origin, o.observed_at, o.utc_offset,
           o.value, jsonb_strip_nulls(jsonb_build_object('meal_time', o.meal_time)), s.unit, o.quality, o.ingestion_id
    FROM ingestion.blood_glucose_observations o JOIN ingestion.streams s USING (stream_id)
    UNION ALL
    SELECT s.user_id, s.metric, s.source, s.device_id, s.origin, o.observed_at, o.utc_offset,
           o.total_sleep, jsonb_strip_nulls(jsonb_build_object('asleep', o.asleep, 'core', o.core, 'deep', o.deep, 'rem', o.rem,
               'awake', o.awake, 'in_bed', o.in_bed, 'sleep_start', o.sleep_start, 'sleep_end', o.sleep_end,
               'in_bed_start', o.in_bed_start, 'in_bed_end', o.in_bed_end)), s.unit, NULL, o.ingestion_id
    FROM ingestion.sleep_sessions o JOIN ingestion.streams s USING (stream_id)
    UNION ALL
    SELECT s.user_id, s.metric, s.source, s.device_id, s.origin, o.observed_at, o.utc_offset,
           extract(epoch FROM o.ended_at - o.observed_at) / 3600.0, jsonb_build_object('stage', o.stage, 'ended_at', o.ended_at),
           'hr', NULL, o.ingestion_id
    FROM ingestion.sleep_stages o JOIN ingestion.streams s USING (stream_id);
