using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using VitaSense.Devices.Infrastructure;
using VitaSense.Devices.Model;
using VitaSense.ServiceDefaults.Authentication;
using DevicesExtensions = VitaSense.Devices.Extensions.Extensions;

namespace VitaSense.Devices.Apis;

/// <summary>
/// Device analytics over the caller's registered devices: <c>/api/v1/analytics/device-usage</c> and
/// <c>/api/v1/analytics/data-quality</c> (<c>sync-performance</c> belongs to the sync side).
/// </summary>
public static class DeviceAnalyticsApi
{
    /// <summary>Days covered when none are asked for.</summary>
    public const int DefaultDays = 30;

    /// <summary>Most days one request covers.</summary>
    public const int MaxDays = 365;

    /// <summary>Maps the analytics endpoints (called by <see cref="DevicesApi.MapDevicesApi"/>).</summary>
    public static IEndpointRouteBuilder MapDeviceAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/analytics").WithTags("Device analytics").RequireAuthorization(DevicesExtensions.UserPolicy);

        api.MapGet("/device-usage", GetUsageAsync)
            .WithName("GetDeviceUsageAnalytics")
            .WithSummary("Get device usage analytics")
            .WithDescription($"Per registered device: days with readings or status reports, readings and reports received, health status now. Query: days (1 to {MaxDays}, default {DefaultDays}).")
            .Produces<DeviceUsageReport>()
            .ProducesValidationProblem();

        api.MapGet("/data-quality", GetDataQualityAsync)
            .WithName("GetDataQualityAnalytics")
            .WithSummary("Get data quality metrics")
            .WithDescription($"Per registered device: data quality issues by type and severity (from the agents' data-quality-issues), readings, and a quality score of 1 minus issues per reading. Query: days (1 to {MaxDays}, default {DefaultDays}).")
            .Produces<DataQualityReport>()
            .ProducesValidationProblem();
        return app;
    }

    /// <summary>Get device usage analytics</summary>
    public static async Task<Results<Ok<DeviceUsageReport>, ValidationProblem>> GetUsageAsync(
        HttpContext context, DeviceAnalyticsStore analytics, [AsParameters] DevicesServices services)
    {
        if (Period(context, services.Time) is not { } period)
        {
            return Invalid();
        }
        var userId = context.User.GetUserId();
        var snapshots = await services.Lookup.ForUserAsync(userId, context.RequestAborted);
        var summary = services.Health.Summarize(snapshots);
        var activity = await analytics.ActivityAsync(userId, period.From, context.RequestAborted);
        var devices = snapshots.Zip(summary.Devices, (snapshot, health) =>
        {
            var (days, observations, reports) = activity.GetValueOrDefault(health.DeviceId);
            return new DeviceUsage(health.DeviceId, health.DeviceName, snapshot.Device.DeviceType, health.Status, health.LastSeen, days,
                Math.Round((double)days / period.Days, 4), observations, reports);
        }).ToList();
        return TypedResults.Ok(new DeviceUsageReport(period.Days, period.From, devices.Count, summary.StatusCounts, devices));
    }

    /// <summary>Get data quality metrics</summary>
    public static async Task<Results<Ok<DataQualityReport>, ValidationProblem>> GetDataQualityAsync(
        HttpContext context, DeviceAnalyticsStore analytics, [AsParameters] DevicesServices services)
    {
        if (Period(context, services.Time) is not { } period)
        {
            return Invalid();
        }
        var userId = context.User.GetUserId();
        var snapshots = await services.Lookup.ForUserAsync(userId, context.RequestAborted);
        var activity = await analytics.ActivityAsync(userId, period.From, context.RequestAborted);
        var issues = (await analytics.QualityIssuesAsync(userId, period.From, context.RequestAborted)).ToLookup(i => i.DeviceId);

        var devices = snapshots.Select(s =>
        {
            var mine = issues[s.Device.DeviceId].ToList();
            var total = mine.Sum(i => i.Issues);
            var observations = activity.GetValueOrDefault(s.Device.DeviceId).Observations;
            return new DeviceDataQuality(s.Device.DeviceId, s.Device.DeviceName, observations, total,
                Totals(mine.Select(i => (i.IssueType, i.Issues))), Totals(mine.Select(i => (i.Severity, i.Issues))),
                observations > 0 ? Math.Round(Math.Max(0, 1 - (double)total / observations), 4) : null);
        }).ToList();
        var byType = Totals(devices.SelectMany(d => d.IssuesByType.Select(t => (t.Key, t.Value))));
        return TypedResults.Ok(new DataQualityReport(period.Days, period.From, devices.Sum(d => d.TotalIssues), byType, devices));
    }

    private static SortedDictionary<string, long> Totals(IEnumerable<(string Key, long Count)> counts)
    {
        var totals = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, count) in counts)
        {
            totals[key] = totals.GetValueOrDefault(key) + count;
        }
        return totals;
    }

    private static (int Days, DateOnly From)? Period(HttpContext context, TimeProvider time)
    {
        var days = DefaultDays;
        if (context.Request.Query["days"] is { Count: > 0 } text
            && (!int.TryParse(text[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out days) || days < 1 || days > MaxDays))
        {
            return null;
        }
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return (days, today.AddDays(1 - days));
    }

    private static ValidationProblem Invalid() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["days"] = [$"days must be a whole number between 1 and {MaxDays}."] });
}
