using VitaSense.Devices.Infrastructure;
using VitaSense.Devices.Services;

namespace VitaSense.Devices.Apis;

/// <summary>What the registry and health endpoints need, bundled for <c>[AsParameters]</c>.</summary>
/// <param name="Store">Registry writes and uncached reads.</param>
/// <param name="Lookup">Cached reads and invalidation.</param>
/// <param name="Health">Health computed at read time.</param>
/// <param name="Time">The clock.</param>
/// <param name="Purger">Deletes a device's readings in ingestion (purge_data=true).</param>
/// <param name="Logger">The registry's logger (never given credentials).</param>
public sealed record DevicesServices(DeviceStore Store, DeviceLookup Lookup, DeviceHealthEvaluator Health, TimeProvider Time, DeviceDataPurger Purger,
    ILogger<DevicesServices> Logger);
