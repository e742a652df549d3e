using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace VitaSense.Agents.Ml;

/// <summary>
/// Daily-series forecaster: ML.NET FastTree regression on lag features (1..7 and 14), the weekday's seasonal
/// index over the last four weeks, the weekly against the fortnightly mean and the day of week. The trees predict
/// a correction to a seasonal baseline (last week's mean plus the weekday's index), not the value itself: trees
/// cannot extrapolate a level they have not seen, and on short histories they learn little, so the baseline
/// carries the trend and the weekly shape. Horizons beyond one day are forecast recursively (each forecast
/// becomes the next day's lag).
/// Every forecast carries its MASE and the seasonal-naive baseline's MASE on a holdout of the same series, and
/// 80 % prediction intervals from the holdout residuals (split-conformal 10 % and 90 % bounds of the
/// residuals divided by √horizon, widened again with √horizon).
/// CPU-bound (two small tree ensembles per call): run it off the request path or cache the result per day.
/// </summary>
public static class TrendForecaster
{
    /// <summary>Longest horizon in days.</summary>
    public const int MaxHorizon = 14;

    /// <summary>Fewest days of history a forecast is made from (eight weeks: lags, training rows and a holdout).</summary>
    public const int MinimumHistoryDays = 56;

    // Rows start once lag 14 exists; the holdout is two 14-day forecasts when there is room, else one.
    private const int FirstRow = 14;
    private const int HoldoutLength = 14;
    private const int TwoOriginHistoryDays = 84;
    private const int FeatureCount = 11;
    private const int SeasonalWeeks = 4;
    private const double LowerQuantile = 0.1;
    private const double UpperQuantile = 0.9;
    private const int Seed = 7;

    /// <summary>
    /// Forecasts days 1..<paramref name="horizon"/> after the last day of <paramref name="series"/>. Duplicate days
    /// are averaged and missing days carry the previous value forward; non-finite values are ignored.
    /// Fewer than <see cref="MinimumHistoryDays"/> days gives a result with <see cref="ForecastResult.Problem"/> set.
    /// </summary>
    public static ForecastResult Forecast(IReadOnlyList<(DateOnly Day, double Value)> series, int horizon)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(horizon, MaxHorizon);

        var (firstDay, values) = Regularise(series);
        if (values.Length < MinimumHistoryDays)
        {
            return ForecastResult.NotEnoughHistory(values.Length, MinimumHistoryDays);
        }

        var origins = values.Length >= TwoOriginHistoryDays
            ? new[] { values.Length - 2 * HoldoutLength, values.Length - HoldoutLength }
            : new[] { values.Length - HoldoutLength };
        var trainEnd = origins[0];

        // The holdout model never sees the holdout; the scale is the in-sample lag-7 naive MAE (Hyndman's MASE).
        var ml = new MLContext(Seed);
        var scale = SeasonalNaiveScale(values.AsSpan(0, trainEnd));
        var holdoutModel = Fit(ml, values.AsSpan(0, trainEnd), firstDay);
        var modelErrors = new List<double>();
        var baselineErrors = new List<double>();
        var normalisedResiduals = new List<double>();
        foreach (var origin in origins)
        {
            var predictions = Recursive(ml, holdoutModel, values.AsSpan(0, origin), firstDay, HoldoutLength);
            for (var h = 1; h <= HoldoutLength && origin + h - 1 < values.Length; h++)
            {
                var t = origin + h - 1;
                var residual = values[t] - predictions[h - 1];
                modelErrors.Add(Math.Abs(residual));
                normalisedResiduals.Add(residual / Math.Sqrt(h));
                baselineErrors.Add(Math.Abs(values[t] - values[t - 7 * ((h + 6) / 7)]));
            }
        }

        var lower = Math.Min(ConformalBound(normalisedResiduals, LowerQuantile), 0);
        var upper = Math.Max(ConformalBound(normalisedResiduals, UpperQuantile), 0);
        var model = Fit(ml, values, firstDay);
        var forecast = Recursive(ml, model, values, firstDay, horizon);
        var lastDay = firstDay.AddDays(values.Length - 1);
        var points = new ForecastPoint[horizon];
        for (var h = 1; h <= horizon; h++)
        {
            var value = forecast[h - 1];
            points[h - 1] = new ForecastPoint(lastDay.AddDays(h), value, value + lower * Math.Sqrt(h), value + upper * Math.Sqrt(h));
        }

        return new ForecastResult
        {
            Points = points,
            Mase = modelErrors.Average() / scale,
            BaselineMase = baselineErrors.Average() / scale,
            HoldoutDays = modelErrors.Count,
            HistoryDays = values.Length,
        };
    }

    private static (DateOnly FirstDay, double[] Values) Regularise(IReadOnlyList<(DateOnly Day, double Value)> series)
    {
        var byDay = series.Where(p => double.IsFinite(p.Value))
            .GroupBy(p => p.Day)
            .ToDictionary(g => g.Key, g => g.Average(p => p.Value));
        if (byDay.Count == 0)
        {
            return (default, []);
        }

        var first = byDay.Keys.Min();
        var last = byDay.Keys.Max();
        var values = new double[last.DayNumber - first.DayNumber + 1];
        for (var i = 0; i < values.Length; i++)
        {
            // A missing day is usually a device left off: carrying the last value keeps every lag defined.
            values[i] = byDay.TryGetValue(first.AddDays(i), out var v) ? v : values[i - 1];
        }

        return (first, values);
    }

    private static double SeasonalNaiveScale(ReadOnlySpan<double> values)
    {
        double sum = 0;
        for (var t = 7; t < values.Length; t++)
        {
            sum += Math.Abs(values[t] - values[t - 7]);
        }

        // A perfectly periodic series has scale 0: floor it so MASE stays finite (and large for any error).
        return Math.Max(sum / (values.Length - 7), 1e-9);
    }

    private static ITransformer Fit(MLContext ml, ReadOnlySpan<double> values, DateOnly firstDay)
    {
        var rows = new List<Row>(values.Length);
        for (var t = FirstRow; t < values.Length; t++)
        {
            var features = new float[FeatureCount];
            var baseline = Features(values[..t], firstDay.AddDays(t), features);
            rows.Add(new Row { Features = features, Label = (float)(values[t] - baseline) });
        }

        var trainer = ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            // Small, slow trees: a few months of days is little data, and the baseline already carries the signal
            // (chosen with the harness's `forecast` command; deeper or faster ensembles fitted noise).
            NumberOfLeaves = 4,
            MinimumExampleCountPerLeaf = 10,
            NumberOfTrees = 100,
            LearningRate = 0.03,
            // One thread: the series are small and the result must not depend on scheduling.
            NumberOfThreads = 1,
        });
        return trainer.Fit(ml.Data.LoadFromEnumerable(rows));
    }

    private static double[] Recursive(MLContext ml, ITransformer model, ReadOnlySpan<double> history, DateOnly firstDay, int horizon)
    {
        using var engine = ml.Model.CreatePredictionEngine<Row, Prediction>(model);
        var extended = new double[history.Length + horizon];
        history.CopyTo(extended);
        var row = new Row { Features = new float[FeatureCount] };
        for (var h = 0; h < horizon; h++)
        {
            var t = history.Length + h;
            var baseline = Features(extended.AsSpan(0, t), firstDay.AddDays(t), row.Features);
            extended[t] = baseline + engine.Predict(row).Score;
        }

        return extended[history.Length..];
    }

    /// <summary>
    /// Fills the features for the day after <paramref name="past"/> and returns its baseline: the last week's mean
    /// plus that weekday's seasonal index (same weekday over up to four weeks against the mean of those weeks).
    /// The trees learn corrections to this baseline, so where they have little data the forecast is still sound.
    /// </summary>
    private static double Features(ReadOnlySpan<double> past, DateOnly day, float[] features)
    {
        var t = past.Length;
        var week = Mean(past[(t - 7)..]);
        var fortnight = Mean(past[(t - 14)..]);
        var weeks = Math.Min(SeasonalWeeks, t / 7);
        double sameWeekday = 0;
        for (var k = 1; k <= weeks; k++)
        {
            sameWeekday += past[t - 7 * k];
        }

        var seasonalIndex = sameWeekday / weeks - Mean(past[(t - 7 * weeks)..]);
        var baseline = week + seasonalIndex;
        for (var lag = 1; lag <= 7; lag++)
        {
            features[lag - 1] = (float)(past[t - lag] - baseline);
        }

        features[7] = (float)(past[t - 14] - baseline);
        features[8] = (float)seasonalIndex;
        features[9] = (float)(week - fortnight);
        features[10] = (float)day.DayOfWeek;
        return baseline;
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    /// <summary>
    /// Split-conformal order statistic: the k-th smallest residual with k = ⌈(n+1)q⌉ (upper) or ⌊(n+1)q⌋ (lower),
    /// which covers a new residual with probability at least q (or 1 − q) when residuals are exchangeable;
    /// a plain sample quantile of a few dozen residuals undercovers.
    /// </summary>
    private static double ConformalBound(List<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        var k = q > 0.5 ? (int)Math.Ceiling((sorted.Length + 1) * q) : (int)Math.Floor((sorted.Length + 1) * q);
        return sorted[Math.Clamp(k - 1, 0, sorted.Length - 1)];
    }

    /// <summary>ML.NET training/prediction row.</summary>
    private sealed class Row
    {
        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    /// <summary>ML.NET regression output.</summary>
    private sealed class Prediction
    {
        public float Score { get; set; }
    }
}
