namespace VitaSense.Agents.Quality;

/// <summary>
/// A reading's quality score from its flags: the product of one factor per flag, so an impossible value scores 0 and
/// a clean one 1; a clean reading loses a little as its outlier score rises, so the score is continuous.
/// </summary>
public static class QualityScore
{
    /// <summary>The score in [0, 1].</summary>
    public static double From(IReadOnlyList<string> flags, double outlierScore)
    {
        var score = 1.0;
        foreach (var flag in flags)
        {
            score *= flag switch
            {
                QualityFlags.OutOfRange or QualityFlags.InvalidFormat => 0,
                QualityFlags.Duplicate => 0.1,
                QualityFlags.Outlier => 0.5,
                QualityFlags.Interpolated or QualityFlags.Flatline => 0.5,
                QualityFlags.CrossDeviceDisagreement => 0.6,
                QualityFlags.OutOfOrder => 0.8,
                _ => 1,
            };
        }
        if (!flags.Contains(QualityFlags.Outlier))
        {
            score *= 1 - 0.25 * Math.Clamp(outlierScore, 0, 1);
        }
        return Math.Round(score, 4);
    }
}
