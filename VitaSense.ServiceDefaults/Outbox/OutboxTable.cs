using VitaSense.ServiceDefaults.Data;

namespace VitaSense.ServiceDefaults.Outbox;

/// <summary>
/// The transactional outbox table, <c>&lt;schema&gt;.outbox</c>: a producer inserts rows in the same transaction as
/// its state change; <see cref="OutboxRelay"/> publishes them to Kafka and deletes them. Columns: <c>id</c>
/// (publication order), <c>topic</c>, <c>key</c> (Kafka message key), <c>payload</c> (the message value, a
/// CloudEvent in JSON), <c>created_at</c>.
/// </summary>
public static class OutboxTable
{
    /// <summary>The table name within the schema.</summary>
    public const string Name = "outbox";

    /// <summary>The migration creating the table; registered by <see cref="OutboxExtensions.AddOutbox"/>.</summary>
    public static readonly SchemaMigration Migration = new("0000_outbox", $"""
        CREATE TABLE IF NOT EXISTS {SchemaMigration.SchemaPlaceholder}.{Name} (
            id bigserial PRIMARY KEY,
            topic text NOT NULL,
            key text,
            payload bytea NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now());
        """);

    /// <summary>
    /// Adds <c>content_encoding</c>: <c>gzip</c> marks a payload a producer stored compressed (bulk writers whose
    /// events are large); the relay publishes it decompressed, so consumers never see the difference.
    /// </summary>
    public static readonly SchemaMigration ContentEncodingMigration = new("0000_outbox_content_encoding", $"""
        ALTER TABLE {SchemaMigration.SchemaPlaceholder}.{Name} ADD COLUMN IF NOT EXISTS content_encoding text;
        """);

    /// <summary>The value of <c>content_encoding</c> for a gzip-compressed payload.</summary>
    public const string Gzip = "gzip";

    /// <summary>The schema-qualified table name.</summary>
    public static string QualifiedName(string schema) => $"{SchemaName.Validate(schema)}.{Name}";
}
