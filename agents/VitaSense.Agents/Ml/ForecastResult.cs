namespace VitaSense.Agents.Ml;

/// <summary>
/// A forecast together with how good it was on the same series: MASE of the model and of the seasonal-naive
/// baseline on a holdout, both scaled by the in-sample MAE of the lag-7 naive forecast (so the baseline's own
/// MASE is close to 1 and a model is worth using when its <see cref="Mase"/> is below <see cref="BaselineMase"/>).
/// </summary>
public sealed record ForecastResult
{
    /// <summary>Name of the baseline the MASE is reported against.</summary>
    public const string SeasonalNaiveBaseline = "seasonal-naive-7";

    /// <summary>Forecast days 1..horizon after the last observed day; empty when <see cref="Problem"/> is set.</summary>
    public required IReadOnlyList<ForecastPoint> Points { get; init; }

    /// <summary>MASE of the model's recursive forecasts on the holdout; null without a forecast.</summary>
    public double? Mase { get; init; }

    /// <summary>MASE of the seasonal-naive forecasts on the same holdout and origins.</summary>
    public double? BaselineMase { get; init; }

    /// <summary>The baseline's name (<see cref="SeasonalNaiveBaseline"/>).</summary>
    public string Baseline { get; init; } = SeasonalNaiveBaseline;

    /// <summary>Days held out to measure <see cref="Mase"/>.</summary>
    public int HoldoutDays { get; init; }

    /// <summary>Days of history used (after filling gaps).</summary>
    public int HistoryDays { get; init; }

    /// <summary>Why no forecast was made (for example not enough history); null when there is one.</summary>
    public string? Problem { get; init; }

    /// <summary>True when <see cref="Points"/> holds a forecast.</summary>
    public bool HasForecast => Problem is null;

    /// <summary>The result for a series too short to forecast and evaluate.</summary>
    public static ForecastResult NotEnoughHistory(int historyDays, int requiredDays) => new()
    {
        Points = [],
        HistoryDays = historyDays,
        Problem = $"not enough history: {historyDays} days, at least {requiredDays} needed",
    };
}
