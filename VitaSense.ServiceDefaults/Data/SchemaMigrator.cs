using Microsoft.Extensions.Logging;
using Npgsql;

namespace VitaSense.ServiceDefaults.Data;

/// <summary>
/// Applies pending migrations of a schema. A session-level advisory lock per schema serialises replicas that
/// start together: the second waits, then finds nothing left to do.
/// </summary>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    /// <summary>Creates the schema and its <c>schema_migrations</c> table if needed, then applies what is pending.</summary>
    public async Task MigrateAsync(string schema, IEnumerable<SchemaMigration> migrations, CancellationToken cancellationToken)
    {
        SchemaName.Validate(schema);
        var ordered = migrations.OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
        if (ordered.Select(m => m.Id).Distinct(StringComparer.Ordinal).Count() != ordered.Count)
        {
            throw new InvalidOperationException($"Two migrations of schema '{schema}' share an id.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(hashtextextended('schema_migrations:' || @schema, 0))", cancellationToken, ("schema", schema));
        try
        {
            await ExecuteAsync(connection, $"""
                CREATE SCHEMA IF NOT EXISTS {schema};
                CREATE TABLE IF NOT EXISTS {schema}.schema_migrations (
                    id text PRIMARY KEY,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now());
                """, cancellationToken);

            var applied = new Dictionary<string, string>(StringComparer.Ordinal);
            await using (var command = new NpgsqlCommand($"SELECT id, checksum FROM {schema}.schema_migrations", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied[reader.GetString(0)] = reader.GetString(1);
                }
            }

            foreach (var migration in ordered)
            {
                if (applied.TryGetValue(migration.Id, out var checksum))
                {
                    if (checksum != migration.Checksum)
                    {
                        logger.LogWarning("Migration {Schema}/{Migration} changed after it was applied; the change is not re-run", schema, migration.Id);
                    }
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, migration.SqlFor(schema), cancellationToken);
                await ExecuteAsync(connection, $"INSERT INTO {schema}.schema_migrations (id, checksum) VALUES (@id, @checksum)",
                    cancellationToken, ("id", migration.Id), ("checksum", migration.Checksum));
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {Schema}/{Migration}", schema, migration.Id);
            }
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(hashtextextended('schema_migrations:' || @schema, 0))", CancellationToken.None, ("schema", schema));
        }
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
