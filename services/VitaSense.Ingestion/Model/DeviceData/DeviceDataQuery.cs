using Microsoft.AspNetCore.Http;
using VitaSense.Ingestion.Model.HealthExport;

namespace VitaSense.Ingestion.Model.DeviceData;

/// <summary>
/// Which readings of a device a read or delete is about: <c>data_type</c>, <c>start_time</c>, <c>end_time</c>
/// (both inclusive, ISO 8601 with an offset) and, for reads, <c>limit</c>.
/// </summary>
/// <param name="DataType">Canonical metric name, or null for every type.</param>
/// <param name="Start">Earliest reading time, or null.</param>
/// <param name="End">Latest reading time, or null.</param>
/// <param name="Limit">Most readings answered.</param>
public sealed record DeviceDataQuery(string? DataType, DateTimeOffset? Start, DateTimeOffset? End, int Limit)
{
    /// <summary>Readings answered when <c>limit</c> is not given.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Most readings one request may ask for.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>Reads the query string; <paramref name="errors"/> names every bad parameter.</summary>
    public static DeviceDataQuery Parse(IQueryCollection query, bool withLimit, List<FieldError> errors)
    {
        string? dataType = null;
        if (query.TryGetValue("data_type", out var typeText))
        {
            dataType = MetricNames.Canonical(typeText.ToString());
            if (dataType.Length == 0)
            {
                errors.Add(new FieldError(["query", "data_type"], "data_type must name a metric, such as heart_rate", "value_error.any_str.min_length"));
            }
        }

        var start = Time(query, "start_time", errors);
        var end = Time(query, "end_time", errors);
        if (start > end)
        {
            errors.Add(new FieldError(["query", "end_time"], "end_time is before start_time", "value_error.datetime.range"));
        }

        var limit = DefaultLimit;
        if (withLimit && query.TryGetValue("limit", out var limitText))
        {
            if (!int.TryParse(limitText.ToString(), out limit))
            {
                errors.Add(new FieldError(["query", "limit"], "value is not a valid integer", "type_error.integer"));
            }
            else if (limit is < 1 or > MaxLimit)
            {
                errors.Add(new FieldError(["query", "limit"], $"ensure this value is between 1 and {MaxLimit}",
                    limit < 1 ? "value_error.number.not_ge" : "value_error.number.not_le",
                    new Dictionary<string, object> { ["limit_value"] = limit < 1 ? 1 : MaxLimit }));
            }
        }
        return new DeviceDataQuery(dataType, start, end, limit);
    }

    private static DateTimeOffset? Time(IQueryCollection query, string parameter, List<FieldError> errors)
    {
        if (!query.TryGetValue(parameter, out var text))
        {
            return null;
        }
        if (ReadingTimestamp.QueryError(parameter, text.ToString(), out var value) is { } error)
        {
            errors.Add(error);
            return null;
        }
        return value;
    }
}
