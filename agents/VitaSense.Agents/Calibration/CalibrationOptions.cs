namespace VitaSense.Agents.Calibration;

/// <summary>Settings of the calibration agent (configuration section <c>Agents:Calibration</c>).</summary>
public sealed class CalibrationOptions
{
    /// <summary>
    /// How many users' metrics keep their state in memory (about 8 KB per source at the default sizes); the least
    /// recently seen are forgotten first and resume from their saved factors.
    /// </summary>
    public int UserMetricCapacity { get; set; } = 10_000;

    /// <summary>Sources per user and metric that are calibrated; more are ignored (a user has a handful of devices).</summary>
    public int MaxSourcesPerUserMetric { get; set; } = 8;

    /// <summary>Recent minutes of readings kept per source to pair with the reference's (how late one device's upload may be).</summary>
    public int MinutesPerSource { get; set; } = 180;

    /// <summary>The last paired ratios (reference / device) the factor is the median of.</summary>
    public int PairWindow { get; set; } = 60;

    /// <summary>Pairs a device needs before it gets a factor; fewer and it stays uncalibrated.</summary>
    public int MinPairs { get; set; } = 20;

    /// <summary>A factor further than this from 1 means the device is drifting (0.05: 5 %).</summary>
    public double DriftThreshold { get; set; } = 0.05;

    /// <summary>A factor that moved further than this from the last announced one is announced again.</summary>
    public double ChangeThreshold { get; set; } = 0.05;

    /// <summary>Relative spread of the ratios (MAD / median) at which confidence falls to zero.</summary>
    public double MaxRelativeSpread { get; set; } = 0.1;

    /// <summary>Below this confidence the factor is not trusted and the device stays uncalibrated.</summary>
    public double MinConfidence { get; set; } = 0.3;
}
