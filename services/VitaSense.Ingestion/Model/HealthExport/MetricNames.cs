using System.Collections.Concurrent;
using System.Text;

namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>Canonical snake_case metric names: the app has spelled some metrics several ways across versions.</summary>
public static class MetricNames
{
    /// <summary><c>heart_rate</c>.</summary>
    public const string HeartRate = "heart_rate";

    /// <summary><c>blood_pressure</c>.</summary>
    public const string BloodPressure = "blood_pressure";

    /// <summary><c>sleep_analysis</c>.</summary>
    public const string SleepAnalysis = "sleep_analysis";

    /// <summary><c>blood_glucose</c>.</summary>
    public const string BloodGlucose = "blood_glucose";

    /// <summary><c>insulin_delivery</c>.</summary>
    public const string InsulinDelivery = "insulin_delivery";

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["vo2max"] = "vo2_max",
        ["heartrate"] = HeartRate,
        ["bloodpressure"] = BloodPressure,
        ["sleep"] = SleepAnalysis,
    };

    // Metric names repeat in every payload; normalising once per distinct spelling keeps the reader allocation-light.
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>Lower snake_case with known aliases resolved; <c>vo2Max</c>, <c>vo2max</c>, <c>VO2 Max</c> all give <c>vo2_max</c>.</summary>
    public static string Canonical(string name)
    {
        if (Cache.TryGetValue(name, out var known))
        {
            return known;
        }
        var canonical = Normalise(name);
        if (Cache.Count < 1024)
        {
            Cache.TryAdd(name, canonical);
        }
        return canonical;
    }

    private static string Normalise(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        var trimmed = name.Trim();
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (char.IsAsciiLetterUpper(c))
            {
                if (i > 0 && (char.IsAsciiLetterLower(trimmed[i - 1]) || char.IsAsciiDigit(trimmed[i - 1])) && builder.Length > 0 && builder[^1] != '_')
                {
                    builder.Append('_');
                }
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }
        var result = builder.ToString().TrimEnd('_');
        return Aliases.TryGetValue(result, out var alias) ? alias
            : Aliases.TryGetValue(result.Replace("_", "", StringComparison.Ordinal), out alias) ? alias
            : result;
    }
}
