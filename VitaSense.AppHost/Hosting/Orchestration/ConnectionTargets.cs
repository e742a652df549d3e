using Npgsql;

namespace VitaSense.Hosting;

/// <summary>Where a connection string points, for people: host:port (and database), never the password.</summary>
internal static class ConnectionTargets
{
    public static string Describe(IResource resource, string connectionString)
    {
        try
        {
            return resource switch
            {
                PostgresServerResource or PostgresDatabaseResource => Postgres(connectionString),
                RedisResource => connectionString.Split(',')[0],
                _ => connectionString,
            };
        }
        catch (ArgumentException)
        {
            return "(configured)";
        }
    }

    private static string Postgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}{(string.IsNullOrEmpty(builder.Database) ? "" : "/" + builder.Database)}";
    }
}
