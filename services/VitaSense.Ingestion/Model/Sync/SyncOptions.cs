namespace VitaSense.Ingestion.Model.Sync;

/// <summary>Settings of <c>POST /api/v1/sync</c> and the observation store, section <c>Sync</c>.</summary>
public sealed class SyncOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sync";

    /// <summary>Largest accepted body; larger is answered 413 (default 200 MB, a first export of years of data).</summary>
    public long MaxRequestBodyBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Largest single entry (one point, workout or ECG) the streaming reader will buffer (default 16 MiB).</summary>
    public int MaxEntryBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How far in the future an entry's date may be, for clock and time-zone slips (default 3600 s).</summary>
    public int FutureToleranceSeconds { get; set; } = 3600;

    /// <summary>Rows committed per transaction (default 50,000).</summary>
    public int BatchSize { get; set; } = 50_000;

    /// <summary>Requests per API key per hour (default 1,000).</summary>
    public int RequestsPerHour { get; set; } = 1000;

    /// <summary>Body bytes per API key per hour (default 1 GB, enough for a first full export in one go).</summary>
    public long BytesPerHour { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Past months the observation tables keep partitions for (late or historical data lands in its own month).</summary>
    public int PartitionMonthsBehind { get; set; } = 24;
}
