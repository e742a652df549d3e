-- The device registry. A device belongs to exactly one user; every read and write names that user, so another
-- user's device is simply not found. Unregistering keeps the row (status 'unregistered', credentials wiped) so
-- its history and the owner of its data stay known.
CREATE TABLE devices.devices (
    device_id        uuid        PRIMARY KEY,
    user_id          text        NOT NULL,
    device_type      text        NOT NULL,
    device_name      text        NOT NULL,
    manufacturer     text,
    model            text,
    serial_number    text,
    firmware_version text,
    capabilities     jsonb       NOT NULL DEFAULT '[]'::jsonb,
    integration_type text        NOT NULL,
    vendor           text,
    vendor_device_id text,
    -- CredentialProtector output (AES-GCM bound to the device id); never selected by a read endpoint.
    credentials      bytea,
    sync_settings    jsonb       NOT NULL,
    status           text        NOT NULL DEFAULT 'registered',
    last_seen        timestamptz,
    last_sync        timestamptz,
    next_sync        timestamptz,
    sync_status      text        NOT NULL DEFAULT 'pending',
    battery_level    int,
    signal_strength  text,
    -- The online flag and time of the newest status report: an older report redelivered late changes nothing.
    reported_online  boolean,
    last_status_at   timestamptz,
    group_name       text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    unregistered_at  timestamptz
);

-- A serial number names one live device; an unregistered one frees it for registering again.
CREATE UNIQUE INDEX devices_serial_number ON devices.devices (serial_number)
    WHERE serial_number IS NOT NULL AND status <> 'unregistered';

-- The list endpoint's order (created_at, device_id) per user.
CREATE INDEX devices_user ON devices.devices (user_id, created_at, device_id);

-- The sync scheduler's scan.
CREATE INDEX devices_next_sync ON devices.devices (next_sync)
    WHERE next_sync IS NOT NULL AND (sync_settings ->> 'auto_sync')::boolean;

CREATE UNIQUE INDEX devices_vendor_device ON devices.devices (user_id, vendor, vendor_device_id)
    WHERE vendor_device_id IS NOT NULL;

-- Every firmware version a device reported or was set to, oldest first.
CREATE TABLE devices.firmware_history (
    id               bigserial   PRIMARY KEY,
    device_id        uuid        NOT NULL REFERENCES devices.devices (device_id) ON DELETE CASCADE,
    firmware_version text        NOT NULL,
    previous_version text,
    changed_at       timestamptz NOT NULL
);

CREATE INDEX firmware_history_device ON devices.firmware_history (device_id, changed_at);

-- Status reports of registered devices (from device-data-raw). Monthly range partitions are created ahead by
-- MonthlyPartitionMaintainer; the DEFAULT partition catches anything outside them. The unique key makes a
-- redelivered report a no-op.
CREATE TABLE devices.device_health_history (
    device_id       uuid        NOT NULL,
    "timestamp"     timestamptz NOT NULL,
    battery_level   smallint,
    rssi            smallint,
    signal_strength text,
    temperature     double precision,
    online          boolean     NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now()
) PARTITION BY RANGE ("timestamp");

CREATE TABLE devices.device_health_history_default PARTITION OF devices.device_health_history DEFAULT;

CREATE UNIQUE INDEX device_health_history_key ON devices.device_health_history (device_id, "timestamp" DESC);
CREATE INDEX device_health_history_time_brin ON devices.device_health_history USING brin ("timestamp");

-- Anomalies the agents found on a device (device-anomalies), one row per event.
CREATE TABLE devices.device_alerts (
    event_id     text        PRIMARY KEY,
    device_id    uuid        NOT NULL REFERENCES devices.devices (device_id) ON DELETE CASCADE,
    anomaly_type text        NOT NULL,
    severity     text        NOT NULL,
    description  text        NOT NULL,
    detected_at  timestamptz NOT NULL
);

CREATE INDEX device_alerts_device ON devices.device_alerts (device_id, detected_at DESC);

-- Days on which a device sent readings or a status, with how many readings: device-usage analytics.
CREATE TABLE devices.device_activity_days (
    device_id    uuid   NOT NULL REFERENCES devices.devices (device_id) ON DELETE CASCADE,
    day          date   NOT NULL,
    observations bigint NOT NULL DEFAULT 0,
    status_reports bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (device_id, day)
);

-- Data quality issues per device, day and type (data-quality-issues): data-quality analytics.
CREATE TABLE devices.device_quality_days (
    device_id  uuid   NOT NULL REFERENCES devices.devices (device_id) ON DELETE CASCADE,
    day        date   NOT NULL,
    issue_type text   NOT NULL,
    severity   text   NOT NULL,
    issues     bigint NOT NULL,
    PRIMARY KEY (device_id, day, issue_type, severity)
);

-- Ids of counted events: counting is not idempotent by itself, so a redelivered event is recognised here.
CREATE TABLE devices.consumed_events (
    event_id    text        PRIMARY KEY,
    consumed_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX consumed_events_time ON devices.consumed_events USING brin (consumed_at);
