using VitaSense.Agents.Quality;

namespace VitaSense.Agents.Tests;

public sealed class MetricProfilesTests
{
    [Theory]
    [InlineData("heart_rate", 400, false)]
    [InlineData("heart_rate", 20, false)]
    [InlineData("heart_rate", 180, true)]
    [InlineData("resting_heart_rate", 55, true)]
    [InlineData("blood_glucose", 700, false)]
    [InlineData("blood_glucose", 95, true)]
    [InlineData("body_temperature", 98.6, false)] // Fahrenheit where Celsius is canonical
    [InlineData("body_temperature", 37, true)]
    [InlineData("blood_oxygen_saturation", 0.97, false)] // a fraction where percent is canonical
    [InlineData("blood_oxygen_saturation", 97, true)]
    [InlineData("weight_body_mass", 72.5, true)]
    [InlineData("respiratory_rate", 90, false)]
    [InlineData("sleep_analysis", 30, false)]
    [InlineData("step_count", -1, false)]
    public void Physiological_ranges(string metric, double value, bool possible)
    {
        var profile = MetricProfiles.Find(metric);

        Assert.NotNull(profile);
        Assert.Equal(possible, profile.Range!.Value.Contains(value));
    }

    [Fact]
    public void Non_finite_values_are_never_in_range()
    {
        var range = MetricProfiles.Find("heart_rate")!.Range!.Value;

        Assert.False(range.Contains(double.NaN));
        Assert.False(range.Contains(double.PositiveInfinity));
    }

    [Theory]
    [InlineData("heart_rate", null, true)]
    [InlineData("heart_rate", "count/min", true)]
    [InlineData("heart_rate", "Hz", false)]
    [InlineData("blood_glucose", "mmol/L", false)]
    public void A_profile_applies_in_its_own_unit_only(string metric, string? unit, bool applies)
    {
        Assert.Equal(applies, MetricProfiles.Find(metric, unit) is not null);
    }

    [Fact]
    public void Unknown_metric_has_no_profile()
    {
        Assert.Null(MetricProfiles.Find("dietary_caffeine"));
    }

    [Fact]
    public void Blood_pressure_ranges_its_components()
    {
        var components = MetricProfiles.Find("blood_pressure")!.Components!;

        Assert.True(components["systolic"].Contains(120));
        Assert.False(components["systolic"].Contains(300));
        Assert.False(components["diastolic"].Contains(10));
    }

    [Fact]
    public void Only_heart_rate_is_dense()
    {
        Assert.True(MetricProfiles.Find("heart_rate")!.Dense);
        Assert.False(MetricProfiles.Find("blood_glucose")!.Dense);
        Assert.False(MetricProfiles.Find("step_count")!.FlagsOutliers);
    }
}
