namespace VitaSense.Hosting;

/// <summary>A database on a PostgreSQL server, created at start if it does not exist.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithConnectionString, IResourceWithParent, IResourceWithWaitSupport
{
    /// <summary>The database's name on the server.</summary>
    public string DatabaseName { get; } = databaseName;

    /// <summary>The server the database lives on.</summary>
    public PostgresServerResource Server { get; } = parent;

    /// <inheritdoc />
    public IResource Parent => Server;

    /// <inheritdoc />
    public override string TypeName => "PostgreSQL database";
}
