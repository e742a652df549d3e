namespace VitaSense.Agents.Agents;

/// <summary>The calibration factor the data quality agent applies to a stream's values.</summary>
public interface ICalibrationFactorLookup
{
    /// <summary>
    /// The trusted factor of the user's <paramref name="source"/> for <paramref name="metric"/>, or null when there is
    /// none (uncalibrated, the reference itself, too little confidence, or unknown).
    /// </summary>
    ValueTask<double?> GetFactorAsync(string userId, string source, string metric, CancellationToken cancellationToken);
}
