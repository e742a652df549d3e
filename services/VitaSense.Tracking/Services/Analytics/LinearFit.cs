namespace VitaSense.Tracking.Services.Analytics;

/// <summary>An ordinary least squares line y = intercept + slope · x, with the slope's significance.</summary>
/// <param name="N">Points fitted.</param>
/// <param name="Slope">Change of y per unit of x.</param>
/// <param name="Intercept">y at x = 0.</param>
/// <param name="RSquared">Share of the variance of y the line explains.</param>
/// <param name="StandardError">Standard error of the slope.</param>
/// <param name="T">t statistic of the slope (slope / standard error), n − 2 degrees of freedom.</param>
/// <param name="P">Two-sided p-value of the slope against zero.</param>
public sealed record LinearFit(int N, double Slope, double Intercept, double RSquared, double StandardError, double T, double P)
{
    /// <summary>The fit of <paramref name="x"/>, <paramref name="y"/>; null with fewer than 3 points or no spread in x.</summary>
    public static LinearFit? Of(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (PairedSums.Of(x, y) is not { } sums)
        {
            return null;
        }
        var (n, meanX, meanY, sxx, sxy, syy) = sums;
        if (sxx == 0)
        {
            return null;
        }
        var slope = sxy / sxx;
        var intercept = meanY - slope * meanX;
        // Residuals from the fitted line; rounding can leave a perfect line a hair above zero, which is what it is.
        var sse = Math.Max(0, syy - slope * sxy);
        var standardError = Math.Sqrt(sse / (n - 2) / sxx);
        var t = standardError > 0 ? slope / standardError : slope == 0 ? 0 : double.PositiveInfinity * Math.Sign(slope);
        var p = StudentT.TwoSidedP(t, n - 2);
        var rSquared = syy == 0 ? 0 : 1 - sse / syy;
        return new LinearFit(n, slope, intercept, rSquared, standardError, t, p);
    }
}
