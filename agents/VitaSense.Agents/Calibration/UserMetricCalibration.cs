namespace VitaSense.Agents.Calibration;

/// <summary>The calibration state of one user's one metric: the reference source and every source compared with it.</summary>
public sealed class UserMetricCalibration
{
    /// <summary>
    /// The source the others are compared with: the first seen for this user and metric. Two devices that disagree
    /// cannot tell which one is right; the established one is taken as right and the newcomer is calibrated against it.
    /// </summary>
    public string? Reference { get; set; }

    /// <summary>The sources by name, the reference included.</summary>
    public Dictionary<string, SourceCalibration> Sources { get; } = new(StringComparer.Ordinal);
}
