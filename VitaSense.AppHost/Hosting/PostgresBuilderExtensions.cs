namespace VitaSense.Hosting;

/// <summary>Adds PostgreSQL to the app model.</summary>
public static class PostgresBuilderExtensions
{
    /// <summary>A PostgreSQL 15 server, run from the distribution's binaries unless <c>ConnectionStrings:{name}</c> points at one.</summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new PostgresServerResource(name));

    /// <summary>A database on the server, created if missing; its connection string is handed over as <c>ConnectionStrings__{name}</c>.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.AddDatabase(database);
        return builder.ApplicationBuilder.AddResource(database);
    }
}
