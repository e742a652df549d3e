-- API keys for devices and exporters. The secret is never stored: only its Argon2id PHC string.
CREATE TABLE ingestion.api_keys (
    key_id       text        PRIMARY KEY,
    user_id      text        NOT NULL,
    device_id    text,
    name         text        NOT NULL,
    secret_hash  text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    last_used_at timestamptz
);

CREATE INDEX api_keys_user ON ingestion.api_keys (user_id, created_at);
