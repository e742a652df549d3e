namespace VitaSense.Agents.Model;

/// <summary>What the anomaly rule remembers about a device between status reports.</summary>
/// <param name="Online">Whether the device last reported itself online.</param>
/// <param name="Battery">The battery band of its last report.</param>
/// <param name="ObservedAt">The device's timestamp of that report.</param>
public sealed record DeviceState(bool Online, BatteryBand Battery, DateTimeOffset ObservedAt)
{
    /// <summary>Recent battery levels since the last charge, oldest first, for the drain rate.</summary>
    public IReadOnlyList<BatterySample> BatterySamples { get; init; } = [];

    /// <summary>Whether <c>battery_drain</c> was reported and not yet re-armed (by charging or a normal rate).</summary>
    public bool DrainReported { get; init; }

    /// <summary>The signal strengths (dBm) of the last online reports, oldest first.</summary>
    public IReadOnlyList<int> RecentRssi { get; init; } = [];

    /// <summary>Whether <c>signal_degradation</c> was reported and not yet re-armed (by the signal recovering).</summary>
    public bool SignalReported { get; init; }
}
