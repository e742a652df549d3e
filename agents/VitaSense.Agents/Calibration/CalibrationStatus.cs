namespace VitaSense.Agents.Calibration;

/// <summary>The calibration statuses of a device for one metric.</summary>
public static class CalibrationStatus
{
    /// <summary>Too few pairs with the reference, or too much spread between them, to trust a factor.</summary>
    public const string Uncalibrated = "uncalibrated";

    /// <summary>The device agrees with the reference within the drift threshold.</summary>
    public const string Calibrated = "calibrated";

    /// <summary>The device's readings are off the reference by more than the drift threshold.</summary>
    public const string Drifting = "drifting";

    /// <summary>The source the user's other devices are compared with.</summary>
    public const string Reference = "reference";

    /// <summary>The recommendation for <paramref name="status"/>.</summary>
    public static string RecommendationFor(string status) => status == Drifting ? "recalibrate" : "none";
}
