namespace VitaSense.Devices.Integrations;

/// <summary>How far one data type of a device has been fetched: the next sync asks the vendor from there.</summary>
/// <param name="FetchedUntil">Everything before this instant was fetched.</param>
/// <param name="Cursor">A vendor-specific position, when the vendor has one.</param>
public sealed record SyncCursor(DateTimeOffset FetchedUntil, string? Cursor = null);
