-- The latest PCA window model per stream (user, source, metric), written after each background training so a restart
-- scores with it at once instead of waiting for the stream to refill its history. version is PcaAnomalyModel.Version;
-- model is PcaAnomalyModel.ToBytes (its own format marker inside: a model of another format is ignored on load).
CREATE TABLE agents.stream_models (
    user_id       text        NOT NULL,
    source        text        NOT NULL,
    metric        text        NOT NULL,
    version       text        NOT NULL,
    trained_at    timestamptz NOT NULL,
    training_size integer     NOT NULL,
    model         bytea       NOT NULL,
    PRIMARY KEY (user_id, source, metric)
);
