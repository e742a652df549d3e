using System.Collections.Frozen;

namespace VitaSense.Tracking.Model.Metrics;

/// <summary>
/// Every metric type the service accepts: ingestion's catalogue of what devices and Health Auto Export send (names,
/// canonical units, plausible ranges, copied rather than referenced: the services share no code but Contracts), with
/// physiological bounds for what people post by hand, and the seed's short names as aliases.
/// </summary>
public static class MetricTypes
{
    /// <summary><c>blood_pressure</c>: systolic/diastolic/pulse in values, no scalar value.</summary>
    public const string BloodPressure = "blood_pressure";

    /// <summary><c>blood_glucose</c>, mg/dL.</summary>
    public const string BloodGlucose = "blood_glucose";

    /// <summary><c>weight_body_mass</c>, kg, with body composition.</summary>
    public const string Weight = "weight_body_mass";

    /// <summary><c>body_temperature</c>, °C.</summary>
    public const string BodyTemperature = "body_temperature";

    /// <summary><c>heart_rate</c> (the stream's samples go to heart-rate samples, not metrics).</summary>
    public const string HeartRate = "heart_rate";

    /// <summary><c>sleep_analysis</c> (sleep sessions, not a metric).</summary>
    public const string SleepAnalysis = "sleep_analysis";

    /// <summary><c>workouts</c> (activities, not a metric).</summary>
    public const string Workouts = "workouts";

    private const string Count = "count";
    private const string PerMinute = "count/min";
    private const string Percent = "%";

    /// <summary>Every accepted type.</summary>
    public static IReadOnlyList<MetricType> All { get; } =
    [
        new(BloodPressure, MetricShape.BloodPressure, "mmHg", 30, 260),
        new(BloodGlucose, MetricShape.BloodGlucose, "mg/dL", 20, 600),
        new(Weight, MetricShape.Weight, "kg", 2, 500),
        new(BodyTemperature, MetricShape.Temperature, "degC", 30, 45),
        new(HeartRate, MetricShape.Quantity, PerMinute, 20, 250),
        new("insulin_delivery", MetricShape.Quantity, "IU", 0, 500),
        Q("active_energy", "kcal", 0, 20_000),
        Q("basal_energy_burned", "kcal", 0, 20_000),
        Q("apple_exercise_time", "min", 0, 1_440),
        Q("apple_move_time", "min", 0, 1_440),
        Q("apple_stand_time", "min", 0, 1_440),
        Q("apple_stand_hour", "count", 0, 24),
        Q("step_count", "count", 0, 200_000),
        Q("walking_running_distance", "km", 0, 500),
        Q("cycling_distance", "km", 0, 1_500),
        Q("swimming_distance", "km", 0, 100),
        Q("wheelchair_distance", "km", 0, 500),
        Q("downhill_snow_sports_distance", "km", 0, 500),
        Q("cross_country_skiing_distance", "km", 0, 500),
        Q("paddle_sports_distance", "km", 0, 500),
        Q("rowing_distance", "km", 0, 500),
        Q("skating_sports_distance", "km", 0, 500),
        Q("flights_climbed", "count", 0, 5_000),
        Q("wheelchair_push_count", "count", 0, 200_000),
        Q("swim_stroke_count", "count", 0, 100_000),
        Q("vo2_max", "ml/(kg·min)", 5, 100),
        Q("physical_effort", "kcal/hr·kg", 0, 30),
        Q("cycling_cadence", "count/min", 0, 300),
        Q("cycling_functional_threshold_power", "W", 0, 2_500),
        Q("cycling_power", "W", 0, 3_000),
        Q("cycling_speed", "km/hr", 0, 150),
        Q("running_power", "W", 0, 2_500),
        Q("running_speed", "km/hr", 0, 50),
        Q("running_stride_length", "m", 0, 4),
        Q("running_vertical_oscillation", "cm", 0, 50),
        Q("running_ground_contact_time", "ms", 0, 2_000),
        Q("height", "cm", 40, 275),
        Q("waist_circumference", "cm", 20, 400),
        Q("body_fat_percentage", "%", 2, 75),
        Q("body_mass_index", "count", 8, 100),
        Q("lean_body_mass", "kg", 1, 400),
        Q("resting_heart_rate", "count/min", 20, 250),
        Q("walking_heart_rate_average", "count/min", 20, 250),
        Q("heart_rate_variability", "ms", 0, 2_000),
        Q("cardio_recovery", "count/min", 0, 150),
        Q("atrial_fibrillation_burden", "%", 0, 100),
        Q("peripheral_perfusion_index", "%", 0, 100),
        Q("walking_speed", "km/hr", 0, 25),
        Q("walking_step_length", "cm", 0, 300),
        Q("walking_asymmetry_percentage", "%", 0, 100),
        Q("walking_double_support_percentage", "%", 0, 100),
        Q("apple_walking_steadiness", "%", 0, 100),
        Q("six_minute_walking_test_distance", "m", 0, 1_500),
        Q("stair_speed_up", "m/s", 0, 5),
        Q("stair_speed_down", "m/s", 0, 5),
        Q("number_of_times_fallen", "count", 0, 100),
        Q("respiratory_rate", "count/min", 4, 60),
        Q("blood_oxygen_saturation", "%", 70, 100),
        Q("forced_expiratory_volume", "L", 0, 10),
        Q("forced_vital_capacity", "L", 0, 12),
        Q("peak_expiratory_flow_rate", "L/min", 0, 1_200),
        Q("inhaler_usage", "count", 0, 100),
        Q("basal_body_temperature", "degC", 30, 45),
        Q("apple_sleeping_wrist_temperature", "degC", 20, 45),
        Q("water_temperature", "degC", -5, 60),
        Q("underwater_depth", "m", 0, 1_000),
        Q("uv_exposure", "count", 0, 20),
        Q("time_in_daylight", "min", 0, 1_440),
        Q("environmental_audio_exposure", "dBASPL", 0, 200),
        Q("headphone_audio_exposure", "dBASPL", 0, 200),
        Q("environmental_sound_reduction", "dBASPL", 0, 100),
        Q("breathing_disturbances", "count", 0, 500),
        Q("blood_alcohol_content", "%", 0, 100),
        Q("number_of_alcoholic_beverages", "count", 0, 100),
        Q("mindful_minutes", "min", 0, 1_440),
        Q("handwashing", "s", 0, 3_600),
        Q("toothbrushing", "s", 0, 3_600),
        Q("sexual_activity", "count", 0, 100),
        Q("electrodermal_activity", "mcS", 0, 100),
        Q("dietary_energy", "kcal", 0, 20_000),
        Q("dietary_water", "mL", 0, 20_000),
        Q("dietary_carbohydrates", "g", 0, 3_000),
        Q("dietary_fiber", "g", 0, 500),
        Q("dietary_sugar", "g", 0, 2_000),
        Q("dietary_protein", "g", 0, 2_000),
        Q("dietary_total_fat", "g", 0, 1_500),
        Q("dietary_saturated_fat", "g", 0, 1_000),
        Q("dietary_monounsaturated_fat", "g", 0, 1_000),
        Q("dietary_polyunsaturated_fat", "g", 0, 1_000),
        Q("dietary_cholesterol", "mg", 0, 20_000),
        Q("dietary_sodium", "mg", 0, 100_000),
        Q("dietary_potassium", "mg", 0, 100_000),
        Q("dietary_calcium", "mg", 0, 50_000),
        Q("dietary_iron", "mg", 0, 5_000),
        Q("dietary_magnesium", "mg", 0, 20_000),
        Q("dietary_phosphorus", "mg", 0, 50_000),
        Q("dietary_zinc", "mg", 0, 5_000),
        Q("dietary_copper", "mg", 0, 1_000),
        Q("dietary_manganese", "mg", 0, 1_000),
        Q("dietary_chloride", "mg", 0, 100_000),
        Q("dietary_caffeine", "mg", 0, 10_000),
        Q("dietary_vitamin_c", "mg", 0, 100_000),
        Q("dietary_vitamin_e", "mg", 0, 10_000),
        Q("dietary_vitamin_b6", "mg", 0, 5_000),
        Q("dietary_niacin", "mg", 0, 10_000),
        Q("dietary_pantothenic_acid", "mg", 0, 10_000),
        Q("dietary_riboflavin", "mg", 0, 5_000),
        Q("dietary_thiamin", "mg", 0, 5_000),
        Q("dietary_vitamin_a", "mcg", 0, 1_000_000),
        Q("dietary_vitamin_d", "mcg", 0, 100_000),
        Q("dietary_vitamin_k", "mcg", 0, 100_000),
        Q("dietary_vitamin_b12", "mcg", 0, 100_000),
        Q("dietary_folate", "mcg", 0, 100_000),
        Q("dietary_biotin", "mcg", 0, 100_000),
        Q("dietary_chromium", "mcg", 0, 100_000),
        Q("dietary_iodine", "mcg", 0, 100_000),
        Q("dietary_molybdenum", "mcg", 0, 100_000),
        Q("dietary_selenium", "mcg", 0, 100_000),    ];

    // The seed's short names and other common spellings.
    private static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["weight"] = Weight,
        ["body_mass"] = Weight,
        ["glucose"] = BloodGlucose,
        ["spo2"] = "blood_oxygen_saturation",
        ["oxygen_saturation"] = "blood_oxygen_saturation",
        ["steps"] = "step_count",
        ["temperature"] = BodyTemperature,
        ["bmi"] = "body_mass_index",
        ["body_fat"] = "body_fat_percentage",
        ["hrv"] = "heart_rate_variability",
        ["heart_rate_variability_sdnn"] = "heart_rate_variability",
        ["bp"] = BloodPressure,
        ["distance"] = "walking_running_distance",
        ["active_energy_burned"] = "active_energy",
        ["vo2max"] = "vo2_max",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, MetricType> ByName = All.ToFrozenDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>Lower snake_case with aliases resolved: <c>SpO2</c> and <c>spo2</c> give <c>blood_oxygen_saturation</c>.</summary>
    public static string Canonical(string name)
    {
        var normalised = string.Join('_', name.Trim().ToLowerInvariant().Split([' ', '-', '_', '.'], StringSplitOptions.RemoveEmptyEntries));
        return Aliases.GetValueOrDefault(normalised, normalised);
    }

    /// <summary>The type named <paramref name="name"/> (any accepted spelling), or null.</summary>
    public static MetricType? Find(string name) => ByName.GetValueOrDefault(Canonical(name));

    private static MetricType Q(string name, string unit, double minimum, double maximum) => new(name, MetricShape.Quantity, unit, minimum, maximum);
}
