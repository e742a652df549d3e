using System.Collections.Frozen;

namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>
/// Every metric Health Auto Export is known to send (its public metric list), with one canonical unit each and the bounds
/// of a possible value. A metric missing here is still stored, as is, by the caller: the app adds metrics over time.
/// </summary>
public static class MetricCatalog
{
    private const string Count = "count";
    private const string PerMinute = "count/min";
    private const string Percent = "%";

    /// <summary>Every known metric, grouped by category.</summary>
    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        // Activity: per-point bounds, and a point can be a whole day's sum.
        Q("active_energy", "activity", "kcal", 0, 20_000, "Active energy burned"),
        Q("basal_energy_burned", "activity", "kcal", 0, 20_000, "Resting (basal) energy burned"),
        Q("apple_exercise_time", "activity", "min", 0, 1_440, "Apple exercise ring minutes"),
        Q("apple_move_time", "activity", "min", 0, 1_440, "Apple move-time minutes"),
        Q("apple_stand_time", "activity", "min", 0, 1_440, "Minutes standing"),
        Q("apple_stand_hour", "activity", Count, 0, 24, "Hours with at least a minute standing"),
        Q("step_count", "activity", Count, 0, 200_000, "Steps"),
        Q("walking_running_distance", "activity", "km", 0, 500, "Walking and running distance"),
        Q("cycling_distance", "activity", "km", 0, 1_500, "Cycling distance"),
        Q("swimming_distance", "activity", "km", 0, 100, "Swimming distance"),
        Q("wheelchair_distance", "activity", "km", 0, 500, "Wheelchair distance"),
        Q("downhill_snow_sports_distance", "activity", "km", 0, 500, "Downhill snow sports distance"),
        Q("cross_country_skiing_distance", "activity", "km", 0, 500, "Cross-country skiing distance"),
        Q("paddle_sports_distance", "activity", "km", 0, 500, "Paddle sports distance"),
        Q("rowing_distance", "activity", "km", 0, 500, "Rowing distance"),
        Q("skating_sports_distance", "activity", "km", 0, 500, "Skating sports distance"),
        Q("flights_climbed", "activity", Count, 0, 5_000, "Flights of stairs climbed"),
        Q("wheelchair_push_count", "activity", Count, 0, 200_000, "Wheelchair pushes"),
        Q("swim_stroke_count", "activity", Count, 0, 100_000, "Swimming strokes"),
        Q("vo2_max", "activity", "ml/(kg·min)", 5, 100, "Estimated maximal oxygen uptake (cardio fitness)"),
        Q("physical_effort", "activity", "kcal/hr·kg", 0, 30, "Physical effort (METs)"),
        Q("cycling_cadence", "activity", PerMinute, 0, 300, "Cycling cadence"),
        Q("cycling_functional_threshold_power", "activity", "W", 0, 2_500, "Cycling functional threshold power"),
        Q("cycling_power", "activity", "W", 0, 3_000, "Cycling power"),
        Q("cycling_speed", "activity", "km/hr", 0, 150, "Cycling speed"),
        Q("running_power", "activity", "W", 0, 2_500, "Running power"),
        Q("running_speed", "activity", "km/hr", 0, 50, "Running speed"),
        Q("running_stride_length", "activity", "m", 0, 4, "Running stride length"),
        Q("running_vertical_oscillation", "activity", "cm", 0, 50, "Running vertical oscillation"),
        Q("running_ground_contact_time", "activity", "ms", 0, 2_000, "Running ground contact time"),

        Q("height", "body", "cm", 30, 300, "Height"),
        Q("weight_body_mass", "body", "kg", 1, 700, "Body weight"),
        Q("waist_circumference", "body", "cm", 20, 400, "Waist circumference"),
        Q("body_fat_percentage", "body", Percent, 0.5, 90, "Body fat percentage"),
        Q("body_mass_index", "body", Count, 5, 350, "Body mass index"),
        Q("lean_body_mass", "body", "kg", 1, 400, "Lean body mass"),

        new(MetricNames.HeartRate, "heart", MetricShape.HeartRate, PerMinute, 20, 300, "Heart rate"),
        Q("resting_heart_rate", "heart", PerMinute, 20, 250, "Resting heart rate"),
        Q("walking_heart_rate_average", "heart", PerMinute, 20, 300, "Walking heart rate average"),
        Q("heart_rate_variability", "heart", "ms", 0, 2_000, "Heart rate variability (SDNN)"),
        Q("cardio_recovery", "heart", PerMinute, 0, 150, "Heart rate drop one minute after exercise"),
        Q("atrial_fibrillation_burden", "heart", Percent, 0, 100, "Share of time in atrial fibrillation"),
        new(MetricNames.BloodPressure, "heart", MetricShape.BloodPressure, "mmHg", 20, 350, "Blood pressure, systolic and diastolic"),
        Q("peripheral_perfusion_index", "heart", Percent, 0, 100, "Peripheral perfusion index"),

        Q("walking_speed", "mobility", "km/hr", 0, 25, "Walking speed"),
        Q("walking_step_length", "mobility", "cm", 0, 300, "Walking step length"),
        Q("walking_asymmetry_percentage", "mobility", Percent, 0, 100, "Walking asymmetry"),
        Q("walking_double_support_percentage", "mobility", Percent, 0, 100, "Double support time while walking"),
        Q("apple_walking_steadiness", "mobility", Percent, 0, 100, "Walking steadiness"),
        Q("six_minute_walking_test_distance", "mobility", "m", 0, 1_500, "Six-minute walk test distance"),
        Q("stair_speed_up", "mobility", "m/s", 0, 5, "Stair ascent speed"),
        Q("stair_speed_down", "mobility", "m/s", 0, 5, "Stair descent speed"),
        Q("number_of_times_fallen", "mobility", Count, 0, 100, "Falls"),

        Q("respiratory_rate", "respiratory", PerMinute, 1, 100, "Breaths per minute"),
        Q("blood_oxygen_saturation", "respiratory", Percent, 30, 100, "Blood oxygen saturation (SpO2)"),
        Q("forced_expiratory_volume", "respiratory", "L", 0, 10, "Forced expiratory volume in one second (FEV1)"),
        Q("forced_vital_capacity", "respiratory", "L", 0, 12, "Forced vital capacity"),
        Q("peak_expiratory_flow_rate", "respiratory", "L/min", 0, 1_200, "Peak expiratory flow rate"),
        Q("inhaler_usage", "respiratory", Count, 0, 100, "Inhaler uses"),

        Q("body_temperature", "temperature", "degC", 25, 45, "Body temperature"),
        Q("basal_body_temperature", "temperature", "degC", 30, 45, "Basal body temperature"),
        Q("apple_sleeping_wrist_temperature", "temperature", "degC", 20, 45, "Wrist temperature while sleeping"),
        Q("water_temperature", "temperature", "degC", -5, 60, "Water temperature (underwater)"),

        Q("underwater_depth", "environment", "m", 0, 1_000, "Underwater depth"),
        Q("uv_exposure", "environment", Count, 0, 20, "UV index exposure"),
        Q("time_in_daylight", "environment", "min", 0, 1_440, "Time in daylight"),

        Q("environmental_audio_exposure", "audio", "dBASPL", 0, 200, "Environmental sound level"),
        Q("headphone_audio_exposure", "audio", "dBASPL", 0, 200, "Headphone audio level"),
        Q("environmental_sound_reduction", "audio", "dBASPL", 0, 100, "Sound reduction by hearing protection"),

        new(MetricNames.SleepAnalysis, "sleep", MetricShape.Sleep, "hr", 0, 48, "Sleep, aggregated per night or per stage"),
        Q("breathing_disturbances", "sleep", Count, 0, 500, "Breathing disturbances per hour of sleep"),

        new(MetricNames.BloodGlucose, "metabolic", MetricShape.BloodGlucose, "mg/dL", 10, 1_000, "Blood glucose"),
        new(MetricNames.InsulinDelivery, "metabolic", MetricShape.Insulin, "IU", 0, 500, "Insulin delivered"),
        Q("blood_alcohol_content", "metabolic", Percent, 0, 100, "Blood alcohol content"),
        Q("number_of_alcoholic_beverages", "metabolic", Count, 0, 100, "Alcoholic drinks"),

        Q("mindful_minutes", "mindfulness", "min", 0, 1_440, "Mindful minutes"),
        Q("handwashing", "hygiene", "s", 0, 3_600, "Handwashing duration"),
        Q("toothbrushing", "hygiene", "s", 0, 3_600, "Toothbrushing duration"),
        Q("sexual_activity", "reproductive", Count, 0, 100, "Sexual activity"),
        Q("electrodermal_activity", "other", "mcS", 0, 100, "Electrodermal activity (skin conductance)"),

        // Dietary: a point is one food or a day's sum, so the bounds allow a day of heavy supplementation.
        Q("dietary_energy", "dietary", "kcal", 0, 20_000, "Dietary energy consumed"),
        Q("dietary_water", "dietary", "mL", 0, 20_000, "Water"),
        Q("dietary_carbohydrates", "dietary", "g", 0, 3_000, "Carbohydrates"),
        Q("dietary_fiber", "dietary", "g", 0, 500, "Fiber"),
        Q("dietary_sugar", "dietary", "g", 0, 2_000, "Sugar"),
        Q("dietary_protein", "dietary", "g", 0, 2_000, "Protein"),
        Q("dietary_total_fat", "dietary", "g", 0, 1_500, "Total fat"),
        Q("dietary_saturated_fat", "dietary", "g", 0, 1_000, "Saturated fat"),
        Q("dietary_monounsaturated_fat", "dietary", "g", 0, 1_000, "Monounsaturated fat"),
        Q("dietary_polyunsaturated_fat", "dietary", "g", 0, 1_000, "Polyunsaturated fat"),
        Q("dietary_cholesterol", "dietary", "mg", 0, 20_000, "Cholesterol"),
        Q("dietary_sodium", "dietary", "mg", 0, 100_000, "Sodium"),
        Q("dietary_potassium", "dietary", "mg", 0, 100_000, "Potassium"),
        Q("dietary_calcium", "dietary", "mg", 0, 50_000, "Calcium"),
        Q("dietary_iron", "dietary", "mg", 0, 5_000, "Iron"),
        Q("dietary_magnesium", "dietary", "mg", 0, 20_000, "Magnesium"),
        Q("dietary_phosphorus", "dietary", "mg", 0, 50_000, "Phosphorus"),
        Q("dietary_zinc", "dietary", "mg", 0, 5_000, "Zinc"),
        Q("dietary_copper", "dietary", "mg", 0, 1_000, "Copper"),
        Q("dietary_manganese", "dietary", "mg", 0, 1_000, "Manganese"),
        Q("dietary_chloride", "dietary", "mg", 0, 100_000, "Chloride"),
        Q("dietary_caffeine", "dietary", "mg", 0, 10_000, "Caffeine"),
        Q("dietary_vitamin_c", "dietary", "mg", 0, 100_000, "Vitamin C"),
        Q("dietary_vitamin_e", "dietary", "mg", 0, 10_000, "Vitamin E"),
        Q("dietary_vitamin_b6", "dietary", "mg", 0, 5_000, "Vitamin B6"),
        Q("dietary_niacin", "dietary", "mg", 0, 10_000, "Niacin (vitamin B3)"),
        Q("dietary_pantothenic_acid", "dietary", "mg", 0, 10_000, "Pantothenic acid (vitamin B5)"),
        Q("dietary_riboflavin", "dietary", "mg", 0, 5_000, "Riboflavin (vitamin B2)"),
        Q("dietary_thiamin", "dietary", "mg", 0, 5_000, "Thiamin (vitamin B1)"),
        Q("dietary_vitamin_a", "dietary", "mcg", 0, 1_000_000, "Vitamin A"),
        Q("dietary_vitamin_d", "dietary", "mcg", 0, 100_000, "Vitamin D"),
        Q("dietary_vitamin_k", "dietary", "mcg", 0, 100_000, "Vitamin K"),
        Q("dietary_vitamin_b12", "dietary", "mcg", 0, 100_000, "Vitamin B12"),
        Q("dietary_folate", "dietary", "mcg", 0, 100_000, "Folate"),
        Q("dietary_biotin", "dietary", "mcg", 0, 100_000, "Biotin"),
        Q("dietary_chromium", "dietary", "mcg", 0, 100_000, "Chromium"),
        Q("dietary_iodine", "dietary", "mcg", 0, 100_000, "Iodine"),
        Q("dietary_molybdenum", "dietary", "mcg", 0, 100_000, "Molybdenum"),
        Q("dietary_selenium", "dietary", "mcg", 0, 100_000, "Selenium"),
    ];

    private static readonly FrozenDictionary<string, MetricDefinition> ByName = All.ToFrozenDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>The metric named <paramref name="canonicalName"/> (the output of <see cref="MetricNames.Canonical"/>), or null when unknown.</summary>
    public static MetricDefinition? Find(string canonicalName) => ByName.GetValueOrDefault(canonicalName);

    private static MetricDefinition Q(string name, string category, string unit, double minimum, double maximum, string description) =>
        new(name, category, MetricShape.Quantity, unit, minimum, maximum, description);
}
