using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using VitaSense.ServiceDefaults.Health;

namespace VitaSense.ServiceDefaults.Data;

/// <summary>
/// Registers one <see cref="NpgsqlDataSource"/> per process from <c>ConnectionStrings:{name}</c>, the way Aspire's
/// <c>AddNpgsqlDataSource</c> does, with a readiness check tagged <see cref="HealthResponseWriter.DatabaseTag"/>.
/// </summary>
public static class NpgsqlDataSourceExtensions
{
    /// <summary>The connection-string name of the platform database in the app model.</summary>
    public const string DefaultConnectionName = "vitasense";

    /// <summary>Adds the data source singleton and its health check.</summary>
    public static TBuilder AddNpgsqlDataSource<TBuilder>(this TBuilder builder, string connectionName = DefaultConnectionName)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.TryAddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var connectionString = configuration.GetRequiredConnectionString(connectionName, "PostgreSQL");
            var dataSource = new NpgsqlDataSourceBuilder(connectionString);
            dataSource.ConnectionStringBuilder.ApplicationName ??= builder.Environment.ApplicationName;
            return dataSource.Build();
        });
        builder.Services.AddHealthChecks()
            .AddCheck<NpgsqlHealthCheck>("postgres", tags: [HealthResponseWriter.DatabaseTag]);
        return builder;
    }
}
