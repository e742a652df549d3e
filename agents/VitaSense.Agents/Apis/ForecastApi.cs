using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Caching.Memory;
using VitaSense.Agents.Insights;
using VitaSense.Agents.Ml;
using VitaSense.ServiceDefaults.Authentication;

namespace VitaSense.Agents.Apis;

/// <summary>Forecasts of the caller's own daily series.</summary>
public static partial class ForecastApi
{
    /// <summary>The horizon when none is asked for.</summary>
    public const int DefaultHorizon = 7;

    /// <summary>The baseline name reported with every forecast.</summary>
    public const string Baseline = "seasonal_naive_7";

    private static readonly TimeSpan CacheLifetime = TimeSpan.FromHours(1);

    /// <summary>Maps <c>GET /forecast/{metric}</c> (authenticated).</summary>
    public static IEndpointRouteBuilder MapForecastApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/forecast/{metric}", GetForecastAsync)
            .WithTags("Forecast")
            .WithName("GetForecast")
            .WithSummary("Forecast of the caller's daily values of a metric for 1 to 14 days, with prediction intervals and MASE against seasonal naive")
            .RequireAuthorization();
        return app;
    }

    /// <summary>
    /// The forecast; 400 for a malformed metric or a horizon outside 1..14, 422 with fewer than
    /// <see cref="TrendForecaster.MinimumHistoryDays"/> days of history.
    /// </summary>
    public static async Task<Results<Ok<ForecastResponse>, ValidationProblem, ProblemHttpResult>> GetForecastAsync(
        string metric, int? horizon, HttpContext context, InsightsStore store, IMemoryCache cache)
    {
        var days = horizon ?? DefaultHorizon;
        var errors = new Dictionary<string, string[]>();
        if (!MetricName().IsMatch(metric))
        {
            errors["metric"] = ["The metric must be a snake_case name of up to 64 characters, such as step_count."];
        }
        if (days is < 1 or > TrendForecaster.MaxHorizon)
        {
            errors["horizon"] = [$"The horizon must be 1 to {TrendForecaster.MaxHorizon} days."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var userId = context.User.GetUserId();
        var series = await store.GetDailySeriesAsync(userId, metric, context.RequestAborted);
        // Keyed by the series' content: a new reading changes the key, so a cached forecast is never stale.
        var key = (nameof(ForecastApi), userId, metric, days, Fingerprint(series));
        if (!cache.TryGetValue(key, out ForecastResult? result) || result is null)
        {
            // Training is CPU-bound for a moment: off the request's thread so the server keeps accepting.
            result = await Task.Run(() => TrendForecaster.Forecast(series, days), context.RequestAborted);
            cache.Set(key, result, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheLifetime, Size = 1 });
        }
        if (!result.HasForecast)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "not enough history",
                detail: $"{result.Problem} of {metric}.");
        }

        return TypedResults.Ok(new ForecastResponse(
            metric,
            days,
            DailyMetrics.AggregationFor(metric).ToString().ToLowerInvariant(),
            result.Points,
            result.Mase,
            result.BaselineMase,
            Baseline,
            result.HistoryDays));
    }

    private static int Fingerprint(IReadOnlyList<(DateOnly Day, double Value)> series)
    {
        var hash = new HashCode();
        foreach (var (day, value) in series)
        {
            hash.Add(day);
            hash.Add(value);
        }
        return hash.ToHashCode();
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex MetricName();
}
