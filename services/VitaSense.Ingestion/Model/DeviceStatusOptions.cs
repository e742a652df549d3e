namespace VitaSense.Ingestion.Model;

/// <summary>Settings of the device-status API, section <c>DeviceStatus</c>.</summary>
public sealed class DeviceStatusOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "DeviceStatus";

    /// <summary>
    /// Whether <c>/status</c> needs an API key or a token (default true). The specification's <c>ENABLE_AUTH=false</c>
    /// switches it off too; data written without authentication belongs to user <c>anonymous</c>.
    /// </summary>
    public bool RequireAuthentication { get; set; } = true;

    /// <summary>Largest accepted <c>POST /status</c> body; larger is answered 413 (default 16 KiB).</summary>
    public int MaxRequestBodyBytes { get; set; } = 16 * 1024;

    /// <summary>How far in the future a report's timestamp may be, for device clock drift (default 300 s).</summary>
    public int MaxFutureSkewSeconds { get; set; } = 300;

    /// <summary>Most updates committed in one transaction by the writer (default 2000).</summary>
    public int WriteBatchSize { get; set; } = 2000;

    /// <summary>Updates that may wait for the writer before requests are held back (default 20000).</summary>
    public int WriteQueueCapacity { get; set; } = 20_000;

    /// <summary>Lifetime of a device's latest status in Redis (default 600 s); bounds staleness after a Redis hiccup.</summary>
    public int CacheTtlSeconds { get; set; } = 600;
}
