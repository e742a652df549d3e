using Microsoft.Extensions.DependencyInjection.Extensions;
using VitaSense.Devices.Infrastructure.Security;
using VitaSense.ServiceDefaults.Authentication;
using VitaSense.ServiceDefaults.Data;
using VitaSense.ServiceDefaults.Outbox;

namespace VitaSense.Devices.Extensions;

/// <summary>The devices service's wiring.</summary>
public static class Extensions
{
    /// <summary>This service's database schema.</summary>
    public const string Schema = "devices";

    /// <summary>The authorization policy of every endpoint: an authenticated caller with a subject.</summary>
    public const string UserPolicy = "devices-user";

    /// <summary>
    /// Storage (PostgreSQL schema <c>devices</c>, migrated at start-up, outbox relay to Kafka), Redis, the registry and
    /// device health (<see cref="RegistryExtensions"/>), vendor integrations and sync (<see cref="IntegrationExtensions"/>).
    /// </summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CredentialProtector>();
        builder.AddNpgsqlDataSource();
        builder.AddRedisClient();
        services.AddSchemaMigrations(Schema, typeof(Extensions).Assembly);
        builder.AddOutbox(new OutboxRelayOptions(Schema));

        services.AddAuthorizationBuilder()
            // Without a sub a caller has no devices of its own; it must never fall back to "anonymous".
            .AddPolicy(UserPolicy, policy => policy.RequireAuthenticatedUser().RequireClaim(VitaSenseClaims.Subject));

        builder.AddRegistryServices();
        builder.AddIntegrationServices();
        services.AddOpenApi();
        return builder;
    }
}
