namespace VitaSense.Devices.Integrations;

/// <summary>What a connector fetched: the readings, and where each data type's next sync starts.</summary>
public sealed record FetchResult(IReadOnlyList<VendorReading> Readings, IReadOnlyDictionary<string, SyncCursor> Cursors)
{
    /// <summary>Nothing fetched, cursors unchanged (a push vendor).</summary>
    public static FetchResult Empty { get; } = new([], new Dictionary<string, SyncCursor>());
}
