namespace VitaSense.ServiceDefaults.Data;

/// <summary>Migrations registered for one schema; a service may register several sets for the same schema.</summary>
/// <param name="Schema">The schema they belong to.</param>
/// <param name="Migrations">The migrations.</param>
public sealed record SchemaMigrationSet(string Schema, IReadOnlyList<SchemaMigration> Migrations);
