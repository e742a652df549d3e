-- Vendor integrations and device sync (helper INTEGRATIONS). No foreign key to devices.devices: the registry
-- owns that table and its life cycle (a purge must not be blocked by sync history).

-- One row per user and vendor: the OAuth tokens of the user's account at the vendor, encrypted by
-- CredentialProtector with owner "{user_id}:{vendor}".
CREATE TABLE IF NOT EXISTS devices.integration_connections (
    user_id text NOT NULL,
    vendor text NOT NULL,
    credentials bytea NOT NULL,
    vendor_user_id text,
    scope text,
    expires_at timestamptz,
    connected_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, vendor));

-- Push vendors (Garmin) name the user by their own id.
CREATE INDEX IF NOT EXISTS integration_connections_vendor_user ON devices.integration_connections (vendor, vendor_user_id);

CREATE TABLE IF NOT EXISTS devices.sync_history (
    sync_id uuid PRIMARY KEY,
    device_id uuid NOT NULL,
    user_id text NOT NULL,
    sync_type text NOT NULL CHECK (sync_type IN ('manual', 'automatic', 'bulk', 'retry', 'push')),
    status text NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed')),
    start_time timestamptz NOT NULL DEFAULT now(),
    end_time timestamptz,
    duration_seconds double precision,
    records_processed int NOT NULL DEFAULT 0,
    records_synced int NOT NULL DEFAULT 0,
    records_failed int NOT NULL DEFAULT 0,
    error_message text,
    error_details jsonb,
    retry_of uuid,
    attempt int NOT NULL DEFAULT 1,
    -- Liveness of the replica running it: a pending or running sync whose heartbeat stops was left by a crash.
    heartbeat_at timestamptz NOT NULL DEFAULT now(),
    runner text,
    created_at timestamptz NOT NULL DEFAULT now());

-- At most one sync per device at a time, whatever the number of replicas: a second claim fails on this index.
CREATE UNIQUE INDEX IF NOT EXISTS sync_history_one_active_per_device
    ON devices.sync_history (device_id) WHERE status IN ('pending', 'running');
CREATE INDEX IF NOT EXISTS sync_history_user_time ON devices.sync_history (user_id, start_time DESC);
CREATE INDEX IF NOT EXISTS sync_history_device_time ON devices.sync_history (device_id, start_time DESC);

-- How far each data type of a device has been fetched: the next sync starts there.
CREATE TABLE IF NOT EXISTS devices.sync_cursors (
    device_id uuid NOT NULL,
    data_type text NOT NULL,
    cursor text,
    last_fetched_until timestamptz NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, data_type));
