using VitaSense.Ingestion.Model.HealthExport;

namespace VitaSense.Ingestion.Tests.HealthExport;

/// <summary>Values in the units the app writes become the metric's one canonical unit; units that cannot be converted are refused.</summary>
public sealed class MetricUnitsTests
{
    private static double Normalise(string metric, string? unit, double value)
    {
        Assert.True(MetricUnits.TryNormalise(MetricCatalog.Find(metric)!, unit, value, out var canonical), $"{value} {unit} for {metric}");
        return canonical;
    }

    [Theory]
    [InlineData("weight_body_mass", "lb", 165, 74.84274105)]
    [InlineData("weight_body_mass", "kg", 74.5, 74.5)]
    [InlineData("weight_body_mass", "g", 74_500, 74.5)]
    [InlineData("weight_body_mass", "st", 10, 63.5029318)]
    [InlineData("blood_glucose", "mmol/L", 5.5, 99.0858)]
    [InlineData("blood_glucose", "mg/dL", 99, 99)]
    [InlineData("blood_glucose", "mmol<180.1558800000541>/L", 5.5, 99.0858)]
    [InlineData("walking_running_distance", "mi", 3.1, 4.9889664)]
    [InlineData("walking_running_distance", "m", 1_500, 1.5)]
    [InlineData("swimming_distance", "yd", 1_000, 0.9144)]
    [InlineData("active_energy", "kJ", 4_184, 1_000)]
    [InlineData("active_energy", "Cal", 500, 500)]
    [InlineData("active_energy", "cal", 500_000, 500)]
    [InlineData("body_temperature", "degF", 98.6, 37)]
    [InlineData("body_temperature", "°F", 212 - 113, 37.2222222)]
    [InlineData("body_temperature", "degC", 36.6, 36.6)]
    [InlineData("height", "ft", 6, 182.88)]
    [InlineData("height", "in", 70, 177.8)]
    [InlineData("height", "m", 1.8, 180)]
    [InlineData("dietary_caffeine", "g", 0.2, 200)]
    [InlineData("dietary_vitamin_d", "mg", 0.02, 20)]
    [InlineData("dietary_protein", "oz", 1, 28.349523125)]
    [InlineData("dietary_water", "fl_oz_us", 8, 236.5882365)]
    [InlineData("dietary_water", "L", 2, 2_000)]
    [InlineData("apple_exercise_time", "hr", 1.5, 90)]
    [InlineData("apple_exercise_time", "s", 120, 2)]
    [InlineData("sleep_analysis", "min", 450, 7.5)]
    [InlineData("heart_rate_variability", "s", 0.045, 45)]
    [InlineData("heart_rate", "bpm", 61, 61)]
    [InlineData("heart_rate", "count/s", 1, 60)]
    [InlineData("vo2_max", "ml/(kg·min)", 42, 42)]
    [InlineData("vo2_max", "ml/(kg*min)", 42, 42)]
    [InlineData("vo2_max", "mL/min·kg", 42, 42)]
    [InlineData("walking_speed", "mi/hr", 3, 4.828032)]
    [InlineData("walking_speed", "m/s", 1.25, 4.5)]
    [InlineData("stair_speed_up", "ft/s", 2, 0.6096)]
    [InlineData("physical_effort", "kcal/hr·kg", 4.5, 4.5)]
    [InlineData("environmental_audio_exposure", "dBASPL", 72, 72)]
    [InlineData("insulin_delivery", "IU", 4, 4)]
    [InlineData("blood_pressure", "mmHg", 120, 120)]
    [InlineData("blood_pressure", "kPa", 16, 120.0098521)]
    [InlineData("cycling_power", "W", 250, 250)]
    [InlineData("electrodermal_activity", "µS", 3, 3)]
    [InlineData("peak_expiratory_flow_rate", "L/min", 500, 500)]
    public void Units_convert_to_the_canonical_unit(string metric, string unit, double value, double expected) =>
        Assert.Equal(expected, Normalise(metric, unit, value), 5);

    [Theory]
    [InlineData("blood_oxygen_saturation", 0.97, 97)]
    [InlineData("blood_oxygen_saturation", 97, 97)]
    [InlineData("body_fat_percentage", 0.215, 21.5)]
    [InlineData("walking_asymmetry_percentage", 0, 0)]
    [InlineData("walking_double_support_percentage", 28.5, 28.5)]
    public void Percentages_sent_as_fractions_become_percent(string metric, double value, double expected)
    {
        Assert.Equal(expected, Normalise(metric, "%", value), 9);
        Assert.Equal(expected, Normalise(metric, null, value), 9);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void No_unit_means_the_canonical_unit(string? unit) => Assert.Equal(72.5, Normalise("weight_body_mass", unit, 72.5));

    [Theory]
    [InlineData("weight_body_mass", "furlongs")]
    [InlineData("weight_body_mass", "km")]
    [InlineData("blood_glucose", "kg")]
    [InlineData("heart_rate", "W")]
    [InlineData("body_temperature", "kcal")]
    [InlineData("step_count", "km")]
    [InlineData("blood_oxygen_saturation", "mmHg")]
    public void A_unit_of_another_dimension_or_an_unknown_unit_is_refused(string metric, string unit) =>
        Assert.False(MetricUnits.TryNormalise(MetricCatalog.Find(metric)!, unit, 1, out _));

    [Fact]
    public void Non_finite_values_are_refused() =>
        Assert.False(MetricUnits.TryNormalise(MetricCatalog.Find("step_count")!, "count", double.NaN, out _));

    [Fact]
    public void Converted_values_are_checked_against_the_bounds_in_the_canonical_unit()
    {
        var weight = MetricCatalog.Find("weight_body_mass")!;
        // 1500 lb is 680 kg: possible. 1600 lb is 726 kg: absurd, as is a weight of 0.5 kg.
        Assert.True(weight.IsPossible(Normalise("weight_body_mass", "lb", 1_500)));
        Assert.False(weight.IsPossible(Normalise("weight_body_mass", "lb", 1_600)));
        Assert.False(weight.IsPossible(Normalise("weight_body_mass", "g", 500)));
        var temperature = MetricCatalog.Find("body_temperature")!;
        Assert.True(temperature.IsPossible(Normalise("body_temperature", "degF", 104)));
        // 37 sent as degF is 2.8 degC: a unit mix-up, caught by the bounds.
        Assert.False(temperature.IsPossible(Normalise("body_temperature", "degF", 37)));
        var glucose = MetricCatalog.Find("blood_glucose")!;
        Assert.True(glucose.IsPossible(Normalise("blood_glucose", "mmol/L", 2.5)));
        Assert.False(glucose.IsPossible(Normalise("blood_glucose", "mmol/L", 0.4)));
    }
}
