-- Sleep stage segments as devices report them. A night's segments can come in several events (ingestion publishes
-- at most 500 points per event), so its session is recomputed from all stored segments of the night whenever new
-- ones arrive. The primary key makes a replayed segment insert nothing and serves the look-up of a (user, source)'s
-- segments by start time (bounded below as no segment lasts longer than a session).
CREATE TABLE tracking.sleep_stage_segments (
    user_id    text        NOT NULL,
    source     text        NOT NULL,
    start_time timestamptz NOT NULL,
    end_time   timestamptz NOT NULL,
    stage      text        NOT NULL,
    utc_offset smallint    NOT NULL DEFAULT 0,
    device_id  text,
    PRIMARY KEY (user_id, source, start_time, stage)
);
