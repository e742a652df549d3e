using VitaSense.Contracts;

namespace VitaSense.Devices.Model;

/// <summary>Settings of the registry and device health, section <c>Devices:Registry</c>.</summary>
public sealed class RegistryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Devices:Registry";

    /// <summary>
    /// The Kafka consumer group of the health consumer. Every replica sharing one database must share it; only a
    /// separate database (a test's) needs a group of its own.
    /// </summary>
    public string ConsumerGroup { get; set; } = ConsumerGroups.Devices;

    /// <summary>A device is offline once nothing arrived for this many sync intervals (default 2)...</summary>
    public double OfflineAfterIntervals { get; set; } = 2;

    /// <summary>...but never sooner than this many minutes (default 10).</summary>
    public int MinOfflineMinutes { get; set; } = 10;

    /// <summary>Battery below this percentage is a warning (default 20).</summary>
    public int LowBatteryPercent { get; set; } = 20;

    /// <summary>How long an anomaly stays in a device's warnings or errors (default 24 hours).</summary>
    public int AlertWindowHours { get; set; } = 24;

    /// <summary>How long a cached device or health summary lives at most (default 60 s); changes invalidate it sooner.</summary>
    public int CacheTtlSeconds { get; set; } = 60;
}
