using Microsoft.AspNetCore.Http;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Devices.Model;

/// <summary>The list endpoint's filters and paging.</summary>
/// <param name="DeviceType">Only devices of this type.</param>
/// <param name="Status">Only devices in this status; null lists every status but <c>unregistered</c>.</param>
/// <param name="Group">Only devices of this group.</param>
/// <param name="Limit">Page size.</param>
/// <param name="Offset">Devices to skip.</param>
public sealed record DeviceListQuery(string? DeviceType, string? Status, string? Group, int Limit, int Offset)
{
    /// <summary>Page size when none is asked for.</summary>
    public const int DefaultLimit = 20;

    /// <summary>Largest page.</summary>
    public const int MaxLimit = 100;

    /// <summary>Reads the query string; null with <paramref name="errors"/> naming each bad parameter.</summary>
    public static DeviceListQuery? Parse(IQueryCollection query, FieldErrors errors)
    {
        var limit = Integer(query, "limit", DefaultLimit, 1, MaxLimit, errors);
        var offset = Integer(query, "offset", 0, 0, int.MaxValue, errors);
        var status = Text(query, "status", errors);
        if (status is not null && !DeviceStatuses.All.Contains(status, StringComparer.Ordinal))
        {
            errors.Add("status", $"status must be one of {string.Join(", ", DeviceStatuses.All)}.");
        }
        var deviceType = Text(query, "device_type", errors);
        var group = Text(query, "group", errors);
        return errors.Any ? null : new DeviceListQuery(deviceType, status, group, limit, offset);
    }

    private static string? Text(IQueryCollection query, string name, FieldErrors errors)
    {
        if (query[name] is not { Count: > 0 } values)
        {
            return null;
        }
        var text = values[0]?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > DeviceRequestParser.MaxShortText)
        {
            errors.Add(name, $"{name} must be 1 to {DeviceRequestParser.MaxShortText} characters.");
            return null;
        }
        return text;
    }

    private static int Integer(IQueryCollection query, string name, int fallback, int min, int max, FieldErrors errors)
    {
        if (query[name] is not { Count: > 0 } values)
        {
            return fallback;
        }
        if (!int.TryParse(values[0], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(name, $"{name} must be a whole number.");
            return fallback;
        }
        if (value < min || value > max)
        {
            errors.Add(name, max == int.MaxValue ? $"{name} must be at least {min}." : $"{name} must be between {min} and {max}.");
            return fallback;
        }
        return value;
    }
}
