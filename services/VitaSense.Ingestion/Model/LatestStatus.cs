namespace VitaSense.Ingestion.Model;

/// <summary>A device's latest status together with its owner, as the write path and the cache pass it around.</summary>
/// <param name="UserId">The owner.</param>
/// <param name="Status">The status.</param>
public sealed record LatestStatus(string UserId, DeviceStatusView Status);
