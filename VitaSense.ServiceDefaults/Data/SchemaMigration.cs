using System.Security.Cryptography;
using System.Text;

namespace VitaSense.ServiceDefaults.Data;

/// <summary>
/// One forward-only schema change. Migrations of a schema run in ordinal order of <see cref="Id"/>
/// (<c>0001_initial</c>, <c>0002_...</c>); each runs once, in its own transaction. In <see cref="Sql"/>,
/// <c>{{schema}}</c> stands for the schema name, so shared migrations (the outbox) fit any service.
/// </summary>
/// <param name="Id">Sortable identifier, recorded in <c>&lt;schema&gt;.schema_migrations</c>.</param>
/// <param name="Sql">The statements.</param>
public sealed record SchemaMigration(string Id, string Sql)
{
    /// <summary>The placeholder replaced by the schema name.</summary>
    public const string SchemaPlaceholder = "{{schema}}";

    /// <summary>The statements for <paramref name="schema"/>.</summary>
    public string SqlFor(string schema) => Sql.Replace(SchemaPlaceholder, schema, StringComparison.Ordinal);

    /// <summary>Fingerprint of the text, to warn when an applied migration was edited afterwards.</summary>
    public string Checksum => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)))[..16];
}
