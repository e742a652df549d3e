using VitaSense.Tracking.Model.Analytics;
using VitaSense.Tracking.Services.Analytics;

namespace VitaSense.Tracking.Tests.Analytics;

/// <summary>The statistics against values from tables and closed forms.</summary>
public sealed class StatisticsTests
{
    [Theory]
    // I_0.5(2, 3) = Σ_{j=2..4} C(4, j) / 16 = 11/16; I_x(1, 1) = x; I_x(a, 1) = x^a.
    [InlineData(0.5, 2, 3, 0.6875)]
    [InlineData(0.3, 1, 1, 0.3)]
    [InlineData(0.9, 3, 1, 0.729)]
    [InlineData(0.2, 0.5, 0.5, 0.2951672353008665)] // (2/π) asin(√0.2)
    public void The_regularized_incomplete_beta_matches_closed_forms(double x, double a, double b, double expected) =>
        Assert.Equal(expected, StudentT.RegularizedIncompleteBeta(x, a, b), 10);

    [Theory]
    // df = 1 is the Cauchy distribution: F(t) = 1/2 + atan(t)/π.
    [InlineData(1.0, 1, 0.75)]
    [InlineData(-3.0, 1, 0.10241638234956672)]
    // Critical values of the t table: two-sided 5 % and 1 %.
    [InlineData(2.228138851986274, 10, 0.975)]
    [InlineData(2.570581835636314, 5, 0.975)]
    [InlineData(3.169272667175838, 10, 0.995)]
    [InlineData(-2.0452296421327, 29, 0.025)]
    // df = 2: F(t) = 1/2 + t / (2 √(t² + 2)).
    [InlineData(1.5, 2, 0.86380343755449945)]
    [InlineData(0.0, 7, 0.5)]
    public void The_student_t_cdf_matches_known_values(double t, double df, double expected) =>
        Assert.Equal(expected, StudentT.Cdf(t, df), 9);

    [Fact]
    public void A_perfectly_linear_series_gives_its_slope_with_a_tiny_p_value()
    {
        var x = Enumerable.Range(0, 10).Select(i => (double)i).ToArray();
        var fit = LinearFit.Of(x, x.Select(v => 3 - 0.5 * v).ToArray())!;
        Assert.Equal(-0.5, fit.Slope, 12);
        Assert.Equal(3, fit.Intercept, 12);
        Assert.True(fit.P < 1e-6);
        Assert.Equal(1, fit.RSquared, 9);
    }

    [Fact]
    public void A_known_regression_gives_the_textbook_slope_standard_error_and_p()
    {
        // x = 1..5, y = 2, 4, 5, 4, 5: slope 0.6, intercept 2.2, SSE 2.4, SE = √(0.8 / 10), t = 2.1213, df 3, p = 0.12402.
        var fit = LinearFit.Of([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])!;
        Assert.Equal(0.6, fit.Slope, 12);
        Assert.Equal(2.2, fit.Intercept, 12);
        Assert.Equal(Math.Sqrt(0.08), fit.StandardError, 12);
        Assert.Equal(0.12402, fit.P, 4);
    }

    [Fact]
    public void Pearson_and_spearman_match_a_worked_example_with_ties()
    {
        double[] x = [1, 2, 3, 4, 5];
        double[] y = [2, 4, 5, 4, 5];
        var pearson = Correlation.Pearson(x, y)!;
        Assert.Equal(Math.Sqrt(0.6), pearson.R, 12);
        // t = r √(3 / (1 − r²)) = 2.1213 with 3 df, as for the slope.
        Assert.Equal(0.12402, pearson.P, 4);
        var spearman = Correlation.Spearman(x, y)!;
        // Ranks of y with ties: 1, 2.5, 4.5, 2.5, 4.5 → ρ = 7 / √90.
        Assert.Equal(7 / Math.Sqrt(90), spearman.R, 12);
        Assert.Equal([1, 2.5, 4.5, 2.5, 4.5], Correlation.Ranks(y));
        Assert.Equal(5, spearman.N);
    }

    [Fact]
    public void A_monotone_but_curved_relation_has_spearman_one_and_pearson_below_one()
    {
        var x = Enumerable.Range(1, 12).Select(i => (double)i).ToArray();
        var y = x.Select(v => Math.Exp(v)).ToArray();
        Assert.Equal(1, Correlation.Spearman(x, y)!.R, 12);
        Assert.True(Correlation.Pearson(x, y)!.R < 0.9);
    }

    [Fact]
    public void Independent_noise_is_not_significantly_correlated()
    {
        var random = new Random(20240611);
        var x = Enumerable.Range(0, 60).Select(_ => random.NextDouble()).ToArray();
        var y = Enumerable.Range(0, 60).Select(_ => random.NextDouble()).ToArray();
        Assert.True(Correlation.Pearson(x, y)!.P > 0.05);
        Assert.True(Correlation.Spearman(x, y)!.P > 0.05);
    }

    [Fact]
    public void A_trend_needs_a_week_of_days_to_be_called_significant_however_straight_its_line()
    {
        static IReadOnlyList<DailyValue> Line(int days) =>
            [.. Enumerable.Range(0, days).Select(i => new DailyValue(new DateOnly(2026, 1, 1).AddDays(i), 60 + i))];

        var short3 = TrendLine.Of(Line(3));
        Assert.False(short3.Significant);
        Assert.Null(short3.Direction);

        var week = TrendLine.Of(Line(TrendLine.MinimumDays));
        Assert.True(week.Significant);
        Assert.Equal("increasing", week.Direction);
    }
}
