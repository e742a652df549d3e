namespace VitaSense.Agents.SyncMonitor;

/// <summary>Settings of the sync monitor agent (configuration section <c>Agents:Sync</c>).</summary>
public sealed class SyncMonitorOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Agents:Sync";

    /// <summary>Users whose sources are tracked in memory; the least recently synced are forgotten first.</summary>
    public int UserCapacity { get; set; } = 100_000;

    /// <summary>Sources per user that are tracked; more are ignored (a user has a handful of devices and apps).</summary>
    public int MaxSourcesPerUser { get; set; } = 16;

    /// <summary>The last intervals between syncs whose median is the source's rhythm.</summary>
    public int IntervalWindow { get; set; } = 20;

    /// <summary>A sync whose newest reading is older than this on arrival makes the source <c>delayed</c>.</summary>
    public TimeSpan DelayedLatency { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The shortest silence that makes a source <c>delayed</c>.</summary>
    public TimeSpan DelayedSilence { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A source is <c>delayed</c> after this many of its usual intervals without a sync, when longer than <see cref="DelayedSilence"/>.</summary>
    public double DelayedIntervalFactor { get; set; } = 3;

    /// <summary>The shortest silence that makes a source <c>failing</c>.</summary>
    public TimeSpan FailingSilence { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A source is <c>failing</c> after this many of its usual intervals without a sync, when longer than <see cref="FailingSilence"/>.</summary>
    public double FailingIntervalFactor { get; set; } = 8;

    /// <summary>How often silent sources are looked for.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}
