-- The data quality agent's state per stream (recent values, intervals and timestamps), saved after each event so a
-- restart resumes where it stopped instead of from a cold start. kafka_partition/kafka_offset name the last message
-- applied: a redelivery at or before it was already published and is skipped.
CREATE TABLE agents.quality_stream_state (
    user_id         text        NOT NULL,
    source          text        NOT NULL,
    metric          text        NOT NULL,
    state           bytea       NOT NULL,
    kafka_partition integer     NOT NULL,
    kafka_offset    bigint      NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, source, metric)
);
