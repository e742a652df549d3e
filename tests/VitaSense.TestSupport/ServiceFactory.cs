using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Npgsql;
using VitaSense.ServiceDefaults.Authentication;
using Xunit;

namespace VitaSense.TestSupport;

/// <summary>
/// Hosts one service with its real dependencies: its own fresh database, the process's shared Redis and Kafka,
/// and a JWT signing key of its own. Use as an xunit <c>IClassFixture</c>.
/// </summary>
public class ServiceFactory<TProgram> : WebApplicationFactory<TProgram>, IAsyncLifetime where TProgram : class
{
    private readonly byte[] signingKey = RandomNumberGenerator.GetBytes(32);
    private TestInfrastructure? infrastructure;
    private string? databaseConnectionString;

    /// <summary>The process's shared infrastructure.</summary>
    public TestInfrastructure Infrastructure => infrastructure ?? throw NotInitialized();

    /// <summary>This factory's own database.</summary>
    public string DatabaseConnectionString => databaseConnectionString ?? throw NotInitialized();

    /// <summary>A valid JWT for this factory's service, for <paramref name="userId"/>.</summary>
    public string MintToken(string userId) =>
        DevelopmentTokens.Mint(JwtSettings.Development(signingKey), userId, TimeSpan.FromHours(1));

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        infrastructure = await TestInfrastructure.GetAsync();
        databaseConnectionString = await infrastructure.CreateDatabaseAsync(typeof(TProgram).Assembly.GetName().Name?.Split('.').Last() ?? "test");
    }

    /// <inheritdoc />
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (databaseConnectionString is not null && infrastructure is not null)
        {
            await DropDatabaseAsync(infrastructure.PostgresConnectionString, new NpgsqlConnectionStringBuilder(databaseConnectionString).Database!);
        }
    }

    /// <summary>Adds or overrides configuration keys of the service.</summary>
    protected virtual void ConfigureSettings(IDictionary<string, string?> settings)
    {
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:vitasense"] = DatabaseConnectionString,
            ["ConnectionStrings:cache"] = Infrastructure.RedisConnectionString,
            ["ConnectionStrings:messaging"] = Infrastructure.KafkaBootstrapServers,
            ["Authentication:Jwt:SigningKey"] = Convert.ToBase64String(signingKey),
            ["Authentication:Jwt:Issuer"] = JwtSettings.DevelopmentIssuer,
            ["Authentication:Jwt:Audience"] = JwtSettings.DefaultAudience,
        };
        ConfigureSettings(settings);

        // UseSetting is visible while Program.cs builds its services; the configuration source added last wins over appsettings.json.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(settings));
    }

    private static async Task DropDatabaseAsync(string serverConnectionString, string database)
    {
        try
        {
            await using var connection = new NpgsqlConnection(serverConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The server may already be stopping at the end of the run; its folder is deleted with it.
        }
    }

    private static InvalidOperationException NotInitialized() =>
        new("The factory is not initialized: use it as an xunit IClassFixture (InitializeAsync runs first).");
}
