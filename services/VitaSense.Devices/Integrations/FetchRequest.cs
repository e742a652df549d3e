namespace VitaSense.Devices.Integrations;

/// <summary>What one sync asks a connector for.</summary>
/// <param name="VendorDeviceId">The vendor's id of the device, when imported (readings of other devices of the account are skipped where the vendor says which device measured them).</param>
/// <param name="DataTypes">The connector's data types to fetch (a subset of <see cref="IVendorConnector.DataTypes"/>).</param>
/// <param name="Cursors">Where each data type stopped last time; absent for a first sync.</param>
/// <param name="HistoryStart">Where a first sync starts (now minus the device's <c>sync_historical_days</c>).</param>
/// <param name="Until">Now: nothing after it is asked for.</param>
/// <param name="MaxDays">Most days fetched per data type in one sync.</param>
/// <param name="DeviceType">The device's type, for vendors whose account-level data (Withings sleep) goes to one kind of device.</param>
public sealed record FetchRequest(
    string? VendorDeviceId,
    IReadOnlyList<string> DataTypes,
    IReadOnlyDictionary<string, SyncCursor> Cursors,
    DateTimeOffset HistoryStart,
    DateTimeOffset Until,
    int MaxDays,
    string? DeviceType = null)
{
    /// <summary>Where <paramref name="dataType"/> starts: its cursor, or the history start for a first sync.</summary>
    public DateTimeOffset Since(string dataType) =>
        Cursors.TryGetValue(dataType, out var cursor) ? cursor.FetchedUntil : HistoryStart;

    /// <summary>The window end of <paramref name="dataType"/>: at most <see cref="MaxDays"/> after its start, the cursor carrying the rest.</summary>
    public DateTimeOffset WindowEnd(string dataType)
    {
        var end = Since(dataType).AddDays(Math.Max(1, MaxDays));
        return end < Until ? end : Until;
    }
}
