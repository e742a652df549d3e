using System.Globalization;
using VitaSense.Agents.Evaluation.Synthetic;
using VitaSense.Agents.Ml;

namespace VitaSense.Agents.Evaluation.Commands;

/// <summary>
/// <c>forecast</c>: per synthetic daily metric, the forecaster's own holdout MASE (what the service reports) and,
/// on the 14 days that really follow the history (never seen by the forecaster), the MASE of the forecast and
/// of the seasonal-naive forecast from the same origin, by horizon, plus prediction-interval coverage.
/// </summary>
public static class ForecastCommand
{
    private const int Horizon = TrendForecaster.MaxHorizon;

    public static int Run(int seeds, int days)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{seeds} series per metric, {days} days of history, horizons 1..{Horizon}; MASE scaled by the in-sample lag-7 naive MAE"));
        Console.WriteLine($"{"metric",-17} {"holdout",8} {"naive",6} | {"future",7} {"naive",6} {"h1-7",6} {"h8-14",6} {"cover80",7}");
        var byHorizon = new List<string>();
        foreach (var metric in Enum.GetValues<DailyMetric>())
        {
            var horizonErrors = new double[Horizon];
            var horizonNaive = new double[Horizon];
            double holdout = 0, holdoutNaive = 0, future = 0, futureNaive = 0, early = 0, late = 0, covered = 0;
            for (var seed = 0; seed < seeds; seed++)
            {
                var all = DailySeriesGenerator.Generate(metric, days + Horizon, seed);
                var history = all.Take(days).Select((v, i) => (DailySeriesGenerator.Start.AddDays(i), v)).ToList();
                var result = TrendForecaster.Forecast(history, Horizon);
                if (!result.HasForecast)
                {
                    throw new InvalidDataException(result.Problem);
                }

                var scale = Enumerable.Range(7, days - 7).Average(t => Math.Abs(all[t] - all[t - 7]));
                holdout += result.Mase!.Value;
                holdoutNaive += result.BaselineMase!.Value;
                double errors = 0, naiveErrors = 0, earlyErrors = 0, lateErrors = 0;
                for (var h = 1; h <= Horizon; h++)
                {
                    var t = days + h - 1;
                    var point = result.Points[h - 1];
                    var error = Math.Abs(all[t] - point.Value);
                    var naiveError = Math.Abs(all[t] - all[t - 7 * ((h + 6) / 7)]);
                    errors += error;
                    naiveErrors += naiveError;
                    horizonErrors[h - 1] += error / scale / seeds;
                    horizonNaive[h - 1] += naiveError / scale / seeds;
                    if (h <= 7)
                    {
                        earlyErrors += error;
                    }
                    else
                    {
                        lateErrors += error;
                    }

                    covered += all[t] >= point.Lower && all[t] <= point.Upper ? 1 : 0;
                }

                future += errors / Horizon / scale;
                futureNaive += naiveErrors / Horizon / scale;
                early += earlyErrors / 7 / scale;
                late += lateErrors / 7 / scale;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{metric,-17} {holdout / seeds,8:F3} {holdoutNaive / seeds,6:F3} | {future / seeds,7:F3} {futureNaive / seeds,6:F3} {early / seeds,6:F3} {late / seeds,6:F3} {covered / seeds / Horizon,7:P0}"));
            byHorizon.Add(string.Create(CultureInfo.InvariantCulture, $"{metric,-17} model {string.Join(' ', horizonErrors.Select(e => $"{e,5:F2}"))}"));
            byHorizon.Add(string.Create(CultureInfo.InvariantCulture, $"{"",-17} naive {string.Join(' ', horizonNaive.Select(e => $"{e,5:F2}"))}"));
        }

        Console.WriteLine();
        Console.WriteLine($"MASE on the future by horizon (days 1..{Horizon})");
        byHorizon.ForEach(Console.WriteLine);

        return 0;
    }
}
