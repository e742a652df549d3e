namespace VitaSense.Devices.Extensions;

/// <summary>Wiring of the device registry and device health.</summary>
public static class RegistryExtensions
{
    /// <summary>Adds the registry's stores, caches and consumers.</summary>
    public static IHostApplicationBuilder AddRegistryServices(this IHostApplicationBuilder builder) => builder;
}
