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

    // Spellings the app (across versions, and in its open-source receiver's list) uses for a metric the catalog names otherwise.
    private static readonly Dictionary<string, string> Aliases = BuildAliases();

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

    private static Dictionary<string, string> BuildAliases()
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["vo2max"] = "vo2_max",
            ["heartrate"] = HeartRate,
            ["bloodpressure"] = BloodPressure,
            ["sleep"] = SleepAnalysis,
            ["active_energy_burned"] = "active_energy",
            ["resting_energy"] = "basal_energy_burned",
            ["basal_energy"] = "basal_energy_burned",
            ["distance_walking_running"] = "walking_running_distance",
            ["distance_cycling"] = "cycling_distance",
            ["distance_swimming"] = "swimming_distance",
            ["downhill_snow_sports"] = "downhill_snow_sports_distance",
            ["push_count"] = "wheelchair_push_count",
            ["swimming_stroke_count"] = "swim_stroke_count",
            ["body_mass"] = "weight_body_mass",
            ["weight"] = "weight_body_mass",
            ["walking_heart_rate"] = "walking_heart_rate_average",
            ["heart_rate_variability_sdnn"] = "heart_rate_variability",
            ["heart_rate_recovery_one_minute"] = "cardio_recovery",
            ["oxygen_saturation"] = "blood_oxygen_saturation",
            ["forced_expiratory_volume_1"] = "forced_expiratory_volume",
            ["forced_expiratory_volume_1_sec"] = "forced_expiratory_volume",
            ["six_minute_walk_test_distance"] = "six_minute_walking_test_distance",
            ["stair_ascent_speed"] = "stair_speed_up",
            ["stair_descent_speed"] = "stair_speed_down",
            ["walking_steadiness"] = "apple_walking_steadiness",
            ["number_of_time_fallen"] = "number_of_times_fallen",
            ["environmental_audio"] = "environmental_audio_exposure",
            ["headphone_audio"] = "headphone_audio_exposure",
            ["under_water_depth"] = "underwater_depth",
            ["under_water_temperature"] = "water_temperature",
            ["wrist_temperature"] = "apple_sleeping_wrist_temperature",
            ["sleeping_wrist_temperature"] = "apple_sleeping_wrist_temperature",
            ["mindful_session"] = "mindful_minutes",
            ["handwashing_event"] = "handwashing",
            ["toothbrushing_event"] = "toothbrushing",
            ["sleeping_breathing_disturbances"] = "breathing_disturbances",
            ["dietary_energy_consumed"] = "dietary_energy",
            ["water"] = "dietary_water",
            ["dietary_fat_total"] = "dietary_total_fat",
            ["dietary_fat_saturated"] = "dietary_saturated_fat",
            ["dietary_fat_monounsaturated"] = "dietary_monounsaturated_fat",
            ["dietary_fat_polyunsaturated"] = "dietary_polyunsaturated_fat",
            ["monosaturated_fat"] = "dietary_monounsaturated_fat",
            ["dietary_monosaturated_fat"] = "dietary_monounsaturated_fat",
            ["dietary_vitamin_b3"] = "dietary_niacin",
        };
        // The receiver's list names most nutrients without the prefix ("protein", "vitamin_b12").
        string[] nutrients =
        [
            "carbohydrates", "fiber", "sugar", "protein", "total_fat", "saturated_fat", "monounsaturated_fat", "polyunsaturated_fat",
            "cholesterol", "sodium", "potassium", "calcium", "iron", "magnesium", "phosphorus", "zinc", "copper", "manganese", "chloride",
            "caffeine", "vitamin_c", "vitamin_e", "vitamin_b6", "niacin", "pantothenic_acid", "riboflavin", "thiamin", "vitamin_a",
            "vitamin_d", "vitamin_k", "vitamin_b12", "folate", "biotin", "chromium", "iodine", "molybdenum", "selenium",
        ];
        foreach (var nutrient in nutrients)
        {
            aliases[nutrient] = "dietary_" + nutrient;
        }
        aliases["thiamine"] = "dietary_thiamin";
        aliases["fibre"] = "dietary_fiber";
        return aliases;
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
