namespace VitaSense.Tracking.Services.Analytics;

/// <summary>A correlation coefficient with its sample size and two-sided p-value (t = r √((n − 2) / (1 − r²)), n − 2 degrees of freedom).</summary>
/// <param name="N">Pairs.</param>
/// <param name="R">The coefficient, −1 to 1.</param>
/// <param name="P">Two-sided p-value against no correlation.</param>
public sealed record Correlation(int N, double R, double P)
{
    /// <summary>Pearson's r; null with fewer than 3 pairs or a constant series.</summary>
    public static Correlation? Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (PairedSums.Of(x, y) is not { } sums || sums.Sxx == 0 || sums.Syy == 0)
        {
            return null;
        }
        var r = Math.Clamp(sums.Sxy / Math.Sqrt(sums.Sxx * sums.Syy), -1, 1);
        return new Correlation(sums.N, r, PValue(r, sums.N));
    }

    /// <summary>Spearman's ρ: Pearson's r of the ranks (ties get their average rank).</summary>
    public static Correlation? Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        x.Count == y.Count ? Pearson(Ranks(x), Ranks(y)) : null;

    /// <summary>1-based ranks, tied values sharing the average of their ranks.</summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }
            var rank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }

    private static double PValue(double r, int n)
    {
        if (Math.Abs(r) >= 1)
        {
            return 0;
        }
        return StudentT.TwoSidedP(r * Math.Sqrt((n - 2) / (1 - r * r)), n - 2);
    }
}
