-- Raw chunks and bulk outbox payloads are gzip already: stored out of line without PostgreSQL's own compression,
-- which otherwise tries every value again and fails (2 % of the database's CPU in a large sync). Monthly partitions
-- take the setting from the parent (their maintainer copies it with INCLUDING STORAGE).
ALTER TABLE ingestion.raw_ingestion_chunks ALTER COLUMN compressed SET STORAGE EXTERNAL;
ALTER TABLE ingestion.outbox ALTER COLUMN payload SET STORAGE EXTERNAL;
