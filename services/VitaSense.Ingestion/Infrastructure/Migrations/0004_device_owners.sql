-- Who owns which device, kept from the devices service's lifecycle events (topic device-lifecycle) so device
-- uploads and reads can be owner-checked without calling that service. An unregistered device keeps its row
-- (registered = false): its stored readings still have a known owner. changed_at is the event's own time, so a
-- redelivered older event never overwrites a newer state.
CREATE TABLE ingestion.device_owners (
    device_id   text        PRIMARY KEY,
    user_id     text        NOT NULL,
    device_type text,
    registered  boolean     NOT NULL,
    changed_at  timestamptz NOT NULL,
    updated_at  timestamptz DEFAULT now()
);

CREATE INDEX device_owners_user ON ingestion.device_owners (user_id);
