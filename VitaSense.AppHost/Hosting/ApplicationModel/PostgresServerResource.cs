namespace VitaSense.Hosting;

/// <summary>A PostgreSQL server: a local postgres process with a private data directory, or an existing server.</summary>
public sealed class PostgresServerResource(string name) : Resource(name), IResourceWithConnectionString, IResourceWithWaitSupport
{
    /// <summary>The superuser the engine connects as.</summary>
    public const string UserName = "postgres";

    private readonly List<PostgresDatabaseResource> databases = [];

    /// <summary>The databases the engine creates on this server.</summary>
    public IReadOnlyList<PostgresDatabaseResource> Databases => databases;

    /// <inheritdoc />
    public override string TypeName => "PostgreSQL";

    internal void AddDatabase(PostgresDatabaseResource database) => databases.Add(database);
}
