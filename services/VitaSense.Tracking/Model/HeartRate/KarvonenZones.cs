using VitaSense.Tracking.Model.Profiles;

namespace VitaSense.Tracking.Model.HeartRate;

/// <summary>
/// Karvonen heart-rate zones: zone bounds at 50, 60, 70, 80, 90 and 100 % of the reserve (maximum − resting) above
/// resting. Resting comes from the profile, else the user's measured samples, else 60; maximum from the profile, else
/// the Tanaka formula (208 − 0.7 × age), else 190.
/// </summary>
public static class KarvonenZones
{
    /// <summary>Resting heart rate when nothing better is known.</summary>
    public const double DefaultResting = 60;

    /// <summary>Maximum heart rate when neither measured nor an age is known.</summary>
    public const double DefaultMaximum = 190;

    /// <summary>Zone bounds as shares of the reserve.</summary>
    public static readonly IReadOnlyList<int> Percents = [50, 60, 70, 80, 90, 100];

    /// <summary>Zone names, zone 1 first.</summary>
    public static readonly IReadOnlyList<string> Names = ["recovery", "aerobic", "tempo", "threshold", "maximum"];

    /// <summary>The resting and maximum heart rates to use, with where each came from and notes.</summary>
    public static (double Resting, string RestingSource, double Maximum, string MaximumSource, List<string> Notes) Inputs(
        Profile profile, double? measuredResting, DateOnly today)
    {
        var notes = new List<string>();
        var (resting, restingSource) = profile.RestingHeartRate is { } r ? (r, "profile")
            : measuredResting is { } m ? (Math.Round(m, 1), "measured")
            : (DefaultResting, "default");
        if (restingSource == "default")
        {
            notes.Add($"No resting heart rate in the profile and too few samples in the last 30 days: {DefaultResting} bpm assumed.");
        }
        double maximum;
        string maximumSource;
        if (profile.MaxHeartRate is { } max)
        {
            (maximum, maximumSource) = (max, "profile");
        }
        else if (profile.AgeOn(today) is { } age)
        {
            (maximum, maximumSource) = (Math.Round(208 - 0.7 * age, 1), "age");
            notes.Add($"Maximum heart rate estimated from age {age} with the Tanaka formula (208 − 0.7 × age).");
        }
        else
        {
            (maximum, maximumSource) = (DefaultMaximum, "default");
            notes.Add($"No maximum heart rate or birth date in the profile: {DefaultMaximum} bpm assumed; set max_heart_rate or birth_date for accurate zones.");
        }
        if (maximum <= resting)
        {
            notes.Add("The maximum heart rate is not above the resting one; zones are not meaningful until the profile is corrected.");
            maximum = resting + 1;
        }
        return (resting, restingSource, maximum, maximumSource, notes);
    }

    /// <summary>The bpm bounds of the zones, <see cref="Percents"/> applied to the reserve.</summary>
    public static double[] Bounds(double resting, double maximum) =>
        Percents.Select(p => Math.Round(resting + p / 100.0 * (maximum - resting), 1)).ToArray();
}
