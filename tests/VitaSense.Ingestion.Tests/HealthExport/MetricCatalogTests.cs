using VitaSense.Ingestion.Model.HealthExport;

namespace VitaSense.Ingestion.Tests.HealthExport;

/// <summary>The catalog covers the app's public metric list, every spelling resolves, and its bounds and units are coherent.</summary>
public sealed class MetricCatalogTests
{
    [Fact]
    public void The_catalog_has_at_least_110_metrics_with_unique_names_and_sane_bounds()
    {
        Assert.True(MetricCatalog.All.Count >= 110, $"only {MetricCatalog.All.Count} metrics");
        Assert.Equal(MetricCatalog.All.Count, MetricCatalog.All.Select(m => m.Name).Distinct().Count());
        Assert.True(MetricCatalog.All.Count(m => m.Category == "dietary") >= 38);
        Assert.All(MetricCatalog.All, m =>
        {
            Assert.True(m.Minimum < m.Maximum, m.Name);
            Assert.Same(m, MetricCatalog.Find(m.Name));
            // A catalog name is already canonical: normalising it again changes nothing.
            Assert.Equal(m.Name, MetricNames.Canonical(m.Name));
            Assert.False(string.IsNullOrWhiteSpace(m.Description), m.Name);
            // The canonical unit converts to itself.
            Assert.True(MetricUnits.TryNormalise(m, m.CanonicalUnit, 2, out var same) && same == 2, m.Name);
        });
        Assert.Null(MetricCatalog.Find("some_new_metric"));
    }

    [Fact]
    public void The_special_shapes_are_the_five_metrics_with_their_own_fields()
    {
        var shaped = MetricCatalog.All.Where(m => m.Shape != MetricShape.Quantity).ToDictionary(m => m.Name, m => m.Shape);
        Assert.Equal(
            new Dictionary<string, MetricShape>
            {
                ["heart_rate"] = MetricShape.HeartRate, ["blood_pressure"] = MetricShape.BloodPressure, ["sleep_analysis"] = MetricShape.Sleep,
                ["blood_glucose"] = MetricShape.BloodGlucose, ["insulin_delivery"] = MetricShape.Insulin,
            },
            shaped);
    }

    [Theory]
    [InlineData(20, true), InlineData(300, true), InlineData(19.9, false), InlineData(301, false)]
    public void Heart_rate_bounds_are_generous_but_finite(double bpm, bool possible) =>
        Assert.Equal(possible, MetricCatalog.Find("heart_rate")!.IsPossible(bpm));

    // The metric names of the open-source receiver (HealthyApps/health-auto-export-server, MetricName.ts), as the app sends them.
    public static TheoryData<string> ReceiverNames => new(
        "active_energy", "basal_energy_burned", "apple_exercise_time", "apple_move_time", "apple_stand_time", "apple_stand_hour",
        "cycling_distance", "downhill_snow_sports", "swimming_distance", "walking_running_distance", "wheelchair_distance",
        "flights_climbed", "wheelchair_push_count", "swim_stroke_count", "vo2_max", "physical_effort", "step_count", "cycling_cadence",
        "cycling_functional_threshold_power", "cycling_power", "cycling_speed", "running_power", "running_speed",
        "running_ground_contact_time", "running_stride_length", "height", "weight_body_mass", "waist_circumference",
        "body_fat_percentage", "body_mass_index", "lean_body_mass", "heart_rate", "resting_heart_rate", "heart_rate_variability",
        "cardio_recovery", "walking_heart_rate", "atrial_fibrillation_burden", "blood_pressure", "walking_speed", "walking_step_length",
        "walking_asymmetry_percentage", "walking_double_support_percentage", "six_minute_walking_test_distance", "stair_speed_up",
        "stair_speed_down", "running_vertical_oscillation", "respiratory_rate", "forced_expiratory_volume", "forced_vital_capacity",
        "blood_oxygen_saturation", "peripheral_perfusion_index", "peak_expiratory_flow_rate", "inhaler_usage", "body_temperature",
        "basal_body_temperature", "under_water_depth", "under_water_temperature", "uv_exposure", "time_in_daylight",
        "environmental_audio", "headphone_audio", "mindful_minutes", "sexual_activity", "electrodermal_activity", "sleep_analysis",
        "apple_sleeping_wrist_temperature", "breathing_disturbances", "insulin_delivery", "blood_glucose", "dietary_energy",
        "dietary_water", "dietary_sugar", "cholesterol", "carbohydrates", "biotin", "caffeine", "calcium", "chloride", "chromium",
        "copper", "fiber", "folate", "iodine", "iron", "magnesium", "manganese", "molybdenum", "monosaturated_fat", "niacin",
        "pantothenic_acid", "polyunsaturated_fat", "potassium", "protein", "riboflavin", "saturated_fat", "selenium", "sodium",
        "thiamin", "total_fat", "vitamin_a", "vitamin_b6", "vitamin_b12", "vitamin_c", "vitamin_d", "vitamin_e", "vitamin_k", "zinc",
        "blood_alcohol_content", "handwashing", "number_of_time_fallen", "number_of_alcoholic_beverages", "toothbrushing");

    [Theory]
    [MemberData(nameof(ReceiverNames))]
    public void Every_name_of_the_public_list_resolves_to_a_catalog_metric(string appName) =>
        Assert.NotNull(MetricCatalog.Find(MetricNames.Canonical(appName)));

    [Theory]
    [InlineData("vo2max", "vo2_max")]
    [InlineData("VO2 Max", "vo2_max")]
    [InlineData("vo2_max", "vo2_max")]
    [InlineData("Walking + Running Distance", "walking_running_distance")]
    [InlineData("Weight & Body Mass", "weight_body_mass")]
    [InlineData("Stair Speed: Up", "stair_speed_up")]
    [InlineData("Six-Minute Walking Test Distance", "six_minute_walking_test_distance")]
    [InlineData("UV Exposure", "uv_exposure")]
    [InlineData("Resting Energy", "basal_energy_burned")]
    [InlineData("Walking Heart Rate Average", "walking_heart_rate_average")]
    [InlineData("walking_heart_rate", "walking_heart_rate_average")]
    [InlineData("Headphone Audio Exposure", "headphone_audio_exposure")]
    [InlineData("environmental_audio", "environmental_audio_exposure")]
    [InlineData("Vitamin B12", "dietary_vitamin_b12")]
    [InlineData("dietaryVitaminB6", "dietary_vitamin_b6")]
    [InlineData("Protein", "dietary_protein")]
    [InlineData("monosaturated_fat", "dietary_monounsaturated_fat")]
    [InlineData("Monounsaturated Fat", "dietary_monounsaturated_fat")]
    [InlineData("Wrist Temperature", "apple_sleeping_wrist_temperature")]
    [InlineData("Number of Times Fallen", "number_of_times_fallen")]
    [InlineData("number_of_time_fallen", "number_of_times_fallen")]
    [InlineData("under_water_depth", "underwater_depth")]
    [InlineData("Underwater Depth", "underwater_depth")]
    [InlineData("Water Temperature", "water_temperature")]
    [InlineData("Forced Expiratory Volume, 1 sec", "forced_expiratory_volume")]
    [InlineData("Blood Oxygen Saturation", "blood_oxygen_saturation")]
    [InlineData("Time in Daylight", "time_in_daylight")]
    [InlineData("Downhill Snow Sports Distance", "downhill_snow_sports_distance")]
    public void Spelling_variants_resolve_to_the_catalog_name(string appName, string expected)
    {
        Assert.Equal(expected, MetricNames.Canonical(appName));
        Assert.NotNull(MetricCatalog.Find(expected));
    }
}
