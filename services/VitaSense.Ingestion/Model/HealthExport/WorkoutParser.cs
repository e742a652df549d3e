using System.Text.Json;

namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>Turns the bytes of one entry of <c>workouts</c> (current or legacy format) into a <see cref="WorkoutItem"/> or a <see cref="RejectedItem"/>.</summary>
internal static class WorkoutParser
{
    private const string Collection = "workouts";

    private sealed class WorkoutRejected(string field, string reason) : Exception(reason)
    {
        public string Field { get; } = field;
    }

    public static HealthExportItem Parse(ReadOnlySpan<byte> json, int index)
    {
        try
        {
            return ParseOrThrow(json, index);
        }
        catch (WorkoutRejected rejected)
        {
            return new RejectedItem { Collection = Collection, Index = index, Field = rejected.Field, Reason = rejected.Message };
        }
    }

    private static WorkoutItem ParseOrThrow(ReadOnlySpan<byte> json, int index)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        string? id = null, name = null;
        DateTimeOffset? start = null, end = null;
        double? duration = null;
        var summaries = new Dictionary<string, WorkoutQuantity>(StringComparer.Ordinal);
        List<WorkoutHeartRateSample> heartRate = [];
        List<RoutePoint> route = [];
        Dictionary<string, string>? extra = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString()!;
            reader.Read();
            switch (property)
            {
                case "id":
                    id = RequireString(ref reader, property);
                    break;
                case "name":
                    name = RequireString(ref reader, property);
                    break;
                case "start":
                    start = RequireDate(ref reader, property);
                    break;
                case "end":
                    end = RequireDate(ref reader, property);
                    break;
                case "duration":
                    if (!JsonValues.TryNumber(ref reader, out duration))
                    {
                        duration = TryQuantity(ref reader, out var quantity) ? quantity.Qty
                            : throw new WorkoutRejected(property, "'duration' must be a number of seconds or {qty, units}");
                    }
                    break;
                case "heartRateData":
                    ReadArray(ref reader, property, (ref Utf8JsonReader r, string field) => heartRate.Add(ReadHeartRate(ref r, field)));
                    break;
                case "route":
                    ReadArray(ref reader, property, (ref Utf8JsonReader r, string field) => route.Add(ReadRoutePoint(ref r, field)));
                    break;
                default:
                    ReadOther(ref reader, json, property, summaries, ref extra);
                    break;
            }
        }

        return new WorkoutItem
        {
            Index = index,
            Id = id,
            Name = name ?? throw new WorkoutRejected("name", "the workout has no 'name'"),
            Start = start ?? throw new WorkoutRejected("start", "the workout has no 'start'"),
            End = end ?? throw new WorkoutRejected("end", "the workout has no 'end'"),
            Duration = duration,
            Summaries = summaries,
            HeartRateData = heartRate,
            Route = route,
            Extra = extra,
        };
    }

    private delegate void ElementReader(ref Utf8JsonReader reader, string field);

    private static void ReadArray(ref Utf8JsonReader reader, string property, ElementReader read)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new WorkoutRejected(property, $"'{property}' must be an array");
        }
        var i = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var field = $"{property}[{i}]";
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new WorkoutRejected(field, $"'{field}' must be an object");
            }
            read(ref reader, field);
            i++;
        }
    }

    // Current format: {date, Min, Avg, Max, units, source}; legacy: {date, qty, units}.
    private static WorkoutHeartRateSample ReadHeartRate(ref Utf8JsonReader reader, string field)
    {
        DateTimeOffset? date = null;
        double? min = null, avg = null, max = null, qty = null;
        string? units = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString()!;
            reader.Read();
            switch (property)
            {
                case "date":
                    date = RequireDate(ref reader, $"{field}.date");
                    break;
                case "Min" or "min":
                    min = RequireNumber(ref reader, $"{field}.{property}");
                    break;
                case "Avg" or "avg":
                    avg = RequireNumber(ref reader, $"{field}.{property}");
                    break;
                case "Max" or "max":
                    max = RequireNumber(ref reader, $"{field}.{property}");
                    break;
                case "qty":
                    qty = RequireNumber(ref reader, $"{field}.qty");
                    break;
                case "units":
                    units = JsonValues.Text(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (date is null)
        {
            throw new WorkoutRejected($"{field}.date", $"'{field}' has no 'date'");
        }
        if (min is null && avg is null && max is null && qty is null)
        {
            throw new WorkoutRejected($"{field}.Avg", $"'{field}' needs Min, Avg, Max or qty");
        }
        return new WorkoutHeartRateSample(date.Value, min, avg, max, qty, units);
    }

    // Current format: {latitude, longitude, altitude, timestamp, speed, ...}; legacy: {lat, lon, altitude, timestamp}.
    private static RoutePoint ReadRoutePoint(ref Utf8JsonReader reader, string field)
    {
        double? latitude = null, longitude = null, altitude = null, speed = null;
        DateTimeOffset? timestamp = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString()!;
            reader.Read();
            switch (property)
            {
                case "latitude" or "lat":
                    latitude = RequireNumber(ref reader, $"{field}.{property}");
                    break;
                case "longitude" or "lon":
                    longitude = RequireNumber(ref reader, $"{field}.{property}");
                    break;
                case "altitude":
                    altitude = RequireNumber(ref reader, $"{field}.{property}");
                    break;
                case "speed":
                    speed = RequireNumber(ref reader, $"{field}.{property}");
                    break;
                case "timestamp":
                    timestamp = RequireDate(ref reader, $"{field}.timestamp");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (latitude is not { } lat || lat is < -90 or > 90)
        {
            throw new WorkoutRejected($"{field}.lat", $"'{field}' needs a latitude between -90 and 90");
        }
        if (longitude is not { } lon || lon is < -180 or > 180)
        {
            throw new WorkoutRejected($"{field}.lon", $"'{field}' needs a longitude between -180 and 180");
        }
        return new RoutePoint(lat, lon, altitude, timestamp, speed);
    }

    // A {qty, units} object is a summary; an object of them (heartRate: {min, avg, max}) gives "heartRate.min" etc.
    private static void ReadOther(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, string property,
        Dictionary<string, WorkoutQuantity> summaries, ref Dictionary<string, string>? extra)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            var probe = reader;
            if (TryQuantity(ref probe, out var quantity))
            {
                reader = probe;
                summaries[property] = quantity;
                return;
            }
            var start = (int)reader.TokenStartIndex;
            var nested = new Utf8JsonReader(json[start..]);
            nested.Read();
            var found = false;
            while (nested.Read() && nested.TokenType == JsonTokenType.PropertyName)
            {
                var child = nested.GetString()!;
                nested.Read();
                if (nested.TokenType == JsonTokenType.StartObject && TryQuantity(ref nested, out var childQuantity))
                {
                    summaries[$"{property}.{child}"] = childQuantity;
                    found = true;
                }
                else
                {
                    nested.Skip();
                }
            }
            if (found)
            {
                reader.Skip();
                return;
            }
        }
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }
        var text = JsonValues.Raw(ref reader, json);
        if (text is not null)
        {
            (extra ??= new Dictionary<string, string>(StringComparer.Ordinal))[property] = text;
        }
    }

    /// <summary>Reads <c>{qty, units}</c>; on false the reader may have moved and must be discarded.</summary>
    private static bool TryQuantity(ref Utf8JsonReader reader, out WorkoutQuantity quantity)
    {
        quantity = default;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }
        double? qty = null;
        string? units = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isQty = reader.ValueTextEquals("qty"u8);
            var isUnits = reader.ValueTextEquals("units"u8);
            reader.Read();
            if (isQty)
            {
                if (!JsonValues.TryNumber(ref reader, out qty))
                {
                    return false;
                }
            }
            else if (isUnits)
            {
                units = JsonValues.Text(ref reader);
            }
            else
            {
                return false;
            }
        }
        if (qty is null)
        {
            return false;
        }
        quantity = new WorkoutQuantity(qty.Value, units);
        return true;
    }

    private static string? RequireString(ref Utf8JsonReader reader, string field) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new WorkoutRejected(field, $"'{field}' must be a string"),
        };

    private static double? RequireNumber(ref Utf8JsonReader reader, string field) =>
        JsonValues.TryNumber(ref reader, out var value) ? value : throw new WorkoutRejected(field, $"'{field}' must be a number");

    private static DateTimeOffset? RequireDate(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        return JsonValues.TryDate(ref reader, out var value, out _) ? value
            : throw new WorkoutRejected(field, $"'{field}' is not a date with an offset");
    }
}
