-- The calibration agent's current factor per device (source) and metric, for the calibrate endpoint and for a restart
-- to know what was already announced; reference_source is the device it was compared with.
CREATE TABLE agents.calibration_factors (
    user_id          text             NOT NULL,
    source           text             NOT NULL,
    metric           text             NOT NULL,
    device_id        text,
    factor           double precision NOT NULL,
    confidence       double precision NOT NULL,
    pairs            integer          NOT NULL,
    status           text             NOT NULL,
    reference_source text             NOT NULL,
    updated_at       timestamptz      NOT NULL,
    PRIMARY KEY (user_id, source, metric)
);

CREATE INDEX calibration_factors_device ON agents.calibration_factors (user_id, device_id);

-- Every announced change (one row per CalibrationChanged event; its id makes a replay insert nothing).
CREATE TABLE agents.calibration_history (
    event_id         uuid             PRIMARY KEY,
    user_id          text             NOT NULL,
    source           text             NOT NULL,
    metric           text             NOT NULL,
    device_id        text,
    factor           double precision NOT NULL,
    previous_factor  double precision,
    confidence       double precision NOT NULL,
    pairs            integer          NOT NULL,
    status           text             NOT NULL,
    recommendation   text             NOT NULL,
    reference_source text             NOT NULL,
    occurred_at      timestamptz      NOT NULL
);

CREATE INDEX calibration_history_source ON agents.calibration_history (user_id, source, occurred_at DESC);
