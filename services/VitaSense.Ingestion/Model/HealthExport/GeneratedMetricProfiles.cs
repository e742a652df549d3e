using System.Collections.Frozen;

namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>
/// Realistic daily values of each catalog metric the generator writes generically, in the unit the app (or the source) writes:
/// some deliberately not the canonical one, and percentages as the fractions HealthKit hands out.
/// </summary>
internal static class GeneratedMetricProfiles
{
    /// <summary>One metric's values: uniform in [Low, High], rounded to Decimals, written with Units from Source.</summary>
    public sealed record Profile(string Units, double Low, double High, int Decimals, string Source);

    private const string Watch = "My Apple Watch";
    private const string Both = "My iPhone|My Apple Watch";
    private const string Phone = "My iPhone";
    private const string Scale = "Withings Body+";
    private const string Food = "MyFitnessPal";
    private const string Manual = "Health";

    public static FrozenDictionary<string, Profile> ByMetric { get; } = new Dictionary<string, Profile>(StringComparer.Ordinal)
    {
        ["basal_energy_burned"] = new("kJ", 6_000, 7_500, 1, Watch),
        ["apple_exercise_time"] = new("min", 5, 90, 0, Watch),
        ["apple_move_time"] = new("min", 10, 120, 0, Watch),
        ["apple_stand_time"] = new("min", 60, 300, 0, Watch),
        ["apple_stand_hour"] = new("count", 6, 16, 0, Watch),
        ["walking_running_distance"] = new("mi", 1, 8, 3, Both),
        ["cycling_distance"] = new("km", 0, 40, 2, Watch),
        ["swimming_distance"] = new("yd", 200, 2_000, 0, Watch),
        ["wheelchair_distance"] = new("km", 0, 5, 2, Phone),
        ["downhill_snow_sports_distance"] = new("km", 0, 30, 2, Watch),
        ["cross_country_skiing_distance"] = new("km", 0, 20, 2, Watch),
        ["paddle_sports_distance"] = new("km", 0, 10, 2, Watch),
        ["rowing_distance"] = new("km", 0, 10, 2, Watch),
        ["skating_sports_distance"] = new("km", 0, 10, 2, Watch),
        ["flights_climbed"] = new("count", 0, 30, 0, Both),
        ["wheelchair_push_count"] = new("count", 0, 500, 0, Phone),
        ["swim_stroke_count"] = new("count", 0, 1_500, 0, Watch),
        ["physical_effort"] = new("kcal/hr·kg", 1, 12, 1, Watch),
        ["cycling_cadence"] = new("count/min", 60, 100, 0, Watch),
        ["cycling_functional_threshold_power"] = new("W", 180, 280, 0, Watch),
        ["cycling_power"] = new("W", 100, 300, 0, Watch),
        ["cycling_speed"] = new("mi/hr", 10, 20, 2, Watch),
        ["running_power"] = new("W", 200, 350, 0, Watch),
        ["running_speed"] = new("km/hr", 8, 14, 2, Watch),
        ["running_stride_length"] = new("m", 0.9, 1.4, 2, Watch),
        ["running_vertical_oscillation"] = new("cm", 6, 11, 1, Watch),
        ["running_ground_contact_time"] = new("ms", 200, 300, 0, Watch),

        ["height"] = new("in", 70, 70.2, 1, Manual),
        ["waist_circumference"] = new("cm", 80, 90, 1, Manual),
        ["body_fat_percentage"] = new("%", 0.17, 0.22, 3, Scale),
        ["body_mass_index"] = new("count", 22, 24, 1, Scale),
        ["lean_body_mass"] = new("lb", 125, 135, 1, Scale),

        ["resting_heart_rate"] = new("count/min", 50, 65, 0, Watch),
        ["walking_heart_rate_average"] = new("count/min", 90, 110, 0, Watch),
        ["heart_rate_variability"] = new("ms", 25, 90, 1, Watch),
        ["cardio_recovery"] = new("count/min", 15, 35, 0, Watch),
        ["atrial_fibrillation_burden"] = new("%", 0.01, 0.02, 3, Watch),
        ["peripheral_perfusion_index"] = new("%", 0.01, 0.05, 3, Watch),

        ["walking_speed"] = new("km/hr", 4, 5.5, 2, Both),
        ["walking_step_length"] = new("in", 26, 31, 1, Phone),
        ["walking_asymmetry_percentage"] = new("%", 0, 0.08, 3, Phone),
        ["walking_double_support_percentage"] = new("%", 0.25, 0.32, 3, Phone),
        ["apple_walking_steadiness"] = new("%", 0.8, 0.99, 3, Phone),
        ["six_minute_walking_test_distance"] = new("m", 450, 600, 0, Phone),
        ["stair_speed_up"] = new("ft/s", 1.2, 2, 2, Phone),
        ["stair_speed_down"] = new("ft/s", 1.5, 2.5, 2, Phone),
        ["number_of_times_fallen"] = new("count", 0, 0.6, 0, Watch),

        ["respiratory_rate"] = new("count/min", 12, 18, 1, Watch),
        ["blood_oxygen_saturation"] = new("%", 0.94, 0.99, 2, Watch),
        ["forced_expiratory_volume"] = new("L", 3, 4, 2, Manual),
        ["forced_vital_capacity"] = new("L", 4, 5, 2, Manual),
        ["peak_expiratory_flow_rate"] = new("L/min", 450, 600, 0, Manual),
        ["inhaler_usage"] = new("count", 0, 3, 0, Manual),

        ["body_temperature"] = new("degF", 97.5, 99.1, 1, Manual),
        ["basal_body_temperature"] = new("degC", 36.2, 36.8, 2, Manual),
        ["apple_sleeping_wrist_temperature"] = new("degC", 34.5, 36, 2, Watch),
        ["water_temperature"] = new("degC", 14, 24, 1, Watch),

        ["underwater_depth"] = new("m", 0, 12, 1, Watch),
        ["uv_exposure"] = new("count", 0, 8, 0, Watch),

        ["environmental_audio_exposure"] = new("dBASPL", 55, 80, 1, Watch),
        ["headphone_audio_exposure"] = new("dBASPL", 60, 80, 1, Both),
        ["environmental_sound_reduction"] = new("dBASPL", 10, 25, 1, Phone),

        ["breathing_disturbances"] = new("count", 0, 8, 1, Watch),

        ["blood_alcohol_content"] = new("%", 0, 0.0008, 5, Manual),
        ["number_of_alcoholic_beverages"] = new("count", 0, 3, 0, Manual),

        ["mindful_minutes"] = new("min", 5, 20, 0, Watch),
        ["handwashing"] = new("s", 15, 40, 0, Watch),
        ["toothbrushing"] = new("s", 60, 150, 0, Manual),
        ["electrodermal_activity"] = new("mcS", 1, 10, 2, Manual),

        ["dietary_energy"] = new("kcal", 1_800, 2_600, 0, Food),
        ["dietary_water"] = new("fl_oz_us", 40, 90, 1, Food),
        ["dietary_carbohydrates"] = new("g", 180, 300, 1, Food),
        ["dietary_fiber"] = new("g", 20, 35, 1, Food),
        ["dietary_sugar"] = new("g", 40, 90, 1, Food),
        ["dietary_protein"] = new("g", 70, 140, 1, Food),
        ["dietary_total_fat"] = new("g", 50, 90, 1, Food),
        ["dietary_saturated_fat"] = new("g", 15, 30, 1, Food),
        ["dietary_monounsaturated_fat"] = new("g", 20, 35, 1, Food),
        ["dietary_polyunsaturated_fat"] = new("g", 10, 20, 1, Food),
        ["dietary_cholesterol"] = new("mg", 150, 350, 0, Food),
        ["dietary_sodium"] = new("mg", 1_800, 3_200, 0, Food),
        ["dietary_potassium"] = new("mg", 2_500, 3_800, 0, Food),
        ["dietary_calcium"] = new("mg", 800, 1_200, 0, Food),
        ["dietary_iron"] = new("mg", 10, 18, 1, Food),
        ["dietary_magnesium"] = new("mg", 300, 420, 0, Food),
        ["dietary_phosphorus"] = new("mg", 1_000, 1_500, 0, Food),
        ["dietary_zinc"] = new("mg", 8, 14, 1, Food),
        ["dietary_copper"] = new("mg", 0.8, 1.5, 2, Food),
        ["dietary_manganese"] = new("mg", 1.8, 3, 2, Food),
        ["dietary_chloride"] = new("mg", 2_000, 3_400, 0, Food),
        ["dietary_caffeine"] = new("mg", 80, 300, 0, Food),
        ["dietary_vitamin_c"] = new("mg", 60, 150, 0, Food),
        ["dietary_vitamin_e"] = new("mg", 10, 20, 1, Food),
        ["dietary_vitamin_b6"] = new("mg", 1.2, 2.5, 2, Food),
        ["dietary_niacin"] = new("mg", 14, 25, 1, Food),
        ["dietary_pantothenic_acid"] = new("mg", 4, 7, 1, Food),
        ["dietary_riboflavin"] = new("mg", 1.1, 2, 2, Food),
        ["dietary_thiamin"] = new("mg", 1, 1.8, 2, Food),
        ["dietary_vitamin_a"] = new("mcg", 600, 1_000, 0, Food),
        ["dietary_vitamin_d"] = new("mcg", 5, 20, 1, Food),
        ["dietary_vitamin_k"] = new("mcg", 80, 150, 0, Food),
        ["dietary_vitamin_b12"] = new("mcg", 2, 6, 1, Food),
        ["dietary_folate"] = new("mcg", 300, 500, 0, Food),
        ["dietary_biotin"] = new("mcg", 25, 40, 0, Food),
        ["dietary_chromium"] = new("mcg", 25, 40, 0, Food),
        ["dietary_iodine"] = new("mcg", 120, 200, 0, Food),
        ["dietary_molybdenum"] = new("mcg", 40, 60, 0, Food),
        ["dietary_selenium"] = new("mcg", 50, 80, 0, Food),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
