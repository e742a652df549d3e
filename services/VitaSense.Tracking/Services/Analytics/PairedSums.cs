namespace VitaSense.Tracking.Services.Analytics;

/// <summary>
/// Means and centred sums of squares and products of two paired series: what a least-squares line and a correlation
/// coefficient are both computed from.
/// </summary>
/// <param name="N">Pairs.</param>
/// <param name="MeanX">Mean of x.</param>
/// <param name="MeanY">Mean of y.</param>
/// <param name="Sxx">Σ (x − x̄)².</param>
/// <param name="Sxy">Σ (x − x̄)(y − ȳ).</param>
/// <param name="Syy">Σ (y − ȳ)².</param>
public readonly record struct PairedSums(int N, double MeanX, double MeanY, double Sxx, double Sxy, double Syy)
{
    /// <summary>The sums of <paramref name="x"/> and <paramref name="y"/>; null with fewer than 3 pairs or series of unequal length.</summary>
    public static PairedSums? Of(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var n = x.Count;
        if (n < 3 || y.Count != n)
        {
            return null;
        }
        var meanX = x.Average();
        var meanY = y.Average();
        double sxx = 0, sxy = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            sxx += (x[i] - meanX) * (x[i] - meanX);
            sxy += (x[i] - meanX) * (y[i] - meanY);
            syy += (y[i] - meanY) * (y[i] - meanY);
        }
        return new PairedSums(n, meanX, meanY, sxx, sxy, syy);
    }
}
