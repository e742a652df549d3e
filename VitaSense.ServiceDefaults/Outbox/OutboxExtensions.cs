using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using VitaSense.ServiceDefaults.Data;

namespace VitaSense.ServiceDefaults.Outbox;

/// <summary>Registers a transactional outbox for a schema: its table migration, the relay and a Kafka health check.</summary>
public static class OutboxExtensions
{
    /// <summary>
    /// Adds <c>&lt;schema&gt;.outbox</c> (created by the schema migrations), an <see cref="OutboxRelay"/> publishing it to
    /// <c>ConnectionStrings:messaging</c>, the <see cref="OutboxSignal"/> writers poke after committing, and a
    /// <c>kafka</c> health check. Needs <c>AddNpgsqlDataSource</c>.
    /// </summary>
    public static TBuilder AddOutbox<TBuilder>(this TBuilder builder, OutboxRelayOptions options) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddSchemaMigrations(options.Schema, [OutboxTable.Migration, OutboxTable.ContentEncodingMigration]);
        services.TryAddSingleton<OutboxSignal>();
        services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<OutboxRelay>(sp, options));
        if (!services.Any(d => d.ServiceType == typeof(KafkaHealthCheck)))
        {
            services.AddSingleton<KafkaHealthCheck>();
            services.AddHealthChecks().AddCheck<KafkaHealthCheck>("kafka", failureStatus: HealthStatus.Degraded);
        }
        return builder;
    }
}
