using VitaSense.Devices.Infrastructure;

namespace VitaSense.Devices.Services.Sync;

/// <summary>Dependencies of the sync endpoints.</summary>
public sealed record SyncServices(DeviceSyncStore Devices, SyncHistoryStore History, SyncQueue Queue, ILogger<SyncServices> Logger);
