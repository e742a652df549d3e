using VitaSense.Devices.Infrastructure;
using VitaSense.Devices.Integrations;
using VitaSense.Devices.Integrations.Connectors;
using VitaSense.Devices.Services.Sync;

namespace VitaSense.Devices.Extensions;

/// <summary>Wiring of the vendor integrations and device sync.</summary>
public static class IntegrationExtensions
{
    /// <summary>
    /// Adds the connectors (Fitbit, Oura, Withings, Dexcom, WHOOP, Garmin push, Google Health), the vendor call
    /// pipeline, token storage, the sync runner, worker and scheduler, and the <c>ingestion</c> HttpClient (base
    /// address <c>Integrations:IngestionBaseUrl</c>, default <c>http://ingestion</c>, resolved by service discovery).
    /// </summary>
    public static IHostApplicationBuilder AddIntegrationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IntegrationOptions>()
            .Bind(builder.Configuration.GetSection(IntegrationOptions.SectionName))
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                // The spec's environment variable wins when set.
                if (int.TryParse(configuration["MAX_SYNC_RETRIES"], out var retries) && retries >= 0)
                {
                    options.MaxSyncRetries = retries;
                }
            });

        services.AddSingleton<GarminConnector>();
        services.AddSingleton<OuraConnector>();
        services.AddSingleton<IVendorConnector, FitbitConnector>();
        services.AddSingleton<IVendorConnector>(sp => sp.GetRequiredService<OuraConnector>());
        services.AddSingleton<IVendorConnector, WithingsConnector>();
        services.AddSingleton<IVendorConnector, DexcomConnector>();
        services.AddSingleton<IVendorConnector, WhoopConnector>();
        services.AddSingleton<IVendorConnector>(sp => sp.GetRequiredService<GarminConnector>());
        services.AddSingleton<IVendorConnector, GoogleHealthConnector>();
        services.AddSingleton<ConnectorCatalog>();
        services.AddSingleton<VendorHttp>();
        services.AddSingleton<OAuthTokenClient>();

        services.AddSingleton<IntegrationConnectionStore>();
        services.AddSingleton<DeviceSyncStore>();
        services.AddSingleton<SyncHistoryStore>();
        services.AddSingleton<SyncSessionFactory>();
        services.AddSingleton<SyncIngestionClient>();
        services.AddSingleton<SyncRunner>();
        services.AddSingleton<SyncQueue>();
        services.AddSingleton<SyncPushReceiver>();
        services.AddSingleton<SyncWebhookTrigger>();
        services.AddSingleton<SyncScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncScheduler>());
        services.AddHostedService<SyncWorker>();

        var ingestion = builder.Configuration[$"{IntegrationOptions.SectionName}:IngestionBaseUrl"] is { Length: > 0 } configured ? configured : "http://ingestion";
        services.AddHttpClient(SyncIngestionClient.ClientName, client => client.BaseAddress = new Uri(ingestion));
        return builder;
    }
}
