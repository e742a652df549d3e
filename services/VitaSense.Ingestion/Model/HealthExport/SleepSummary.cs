namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>The fields of an aggregated <c>sleep_analysis</c> point (durations in the metric's units, usually hours).</summary>
public sealed class SleepSummary
{
    /// <summary><c>totalSleep</c>.</summary>
    public double? TotalSleep { get; init; }

    /// <summary><c>asleep</c>.</summary>
    public double? Asleep { get; init; }

    /// <summary><c>core</c>.</summary>
    public double? Core { get; init; }

    /// <summary><c>deep</c>.</summary>
    public double? Deep { get; init; }

    /// <summary><c>rem</c>.</summary>
    public double? Rem { get; init; }

    /// <summary><c>awake</c>.</summary>
    public double? Awake { get; init; }

    /// <summary><c>inBed</c>.</summary>
    public double? InBed { get; init; }

    /// <summary><c>sleepStart</c>.</summary>
    public DateTimeOffset? SleepStart { get; init; }

    /// <summary><c>sleepEnd</c>.</summary>
    public DateTimeOffset? SleepEnd { get; init; }

    /// <summary><c>inBedStart</c>.</summary>
    public DateTimeOffset? InBedStart { get; init; }

    /// <summary><c>inBedEnd</c>.</summary>
    public DateTimeOffset? InBedEnd { get; init; }
}
