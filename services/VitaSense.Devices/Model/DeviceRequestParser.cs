using System.Globalization;
using System.Text.Json;
using VitaSense.ServiceDefaults.Validation;

namespace VitaSense.Devices.Model;

/// <summary>
/// Reads a registration (<c>POST</c>) or update (<c>PUT</c>) body field by field, naming every wrong field at once.
/// Fields it does not know are ignored, as the specification's service did; read-only fields such as
/// <c>status</c> or <c>device_id</c> are among them.
/// </summary>
public static class DeviceRequestParser
{
    /// <summary>Longest <c>device_type</c>, <c>manufacturer</c>, <c>model</c>, <c>serial_number</c>, <c>group_name</c>.</summary>
    public const int MaxShortText = 100;

    /// <summary>Longest <c>device_name</c>.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Longest <c>firmware_version</c>.</summary>
    public const int MaxFirmwareLength = 50;

    /// <summary>Most <c>capabilities</c>.</summary>
    public const int MaxCapabilities = 50;

    /// <summary>Longest token in <c>credentials</c>.</summary>
    public const int MaxTokenLength = 8192;

    /// <summary>Shortest and longest <c>sync_interval_minutes</c>.</summary>
    public const int MinSyncInterval = 1, MaxSyncInterval = 1440;

    /// <summary>Most <c>sync_historical_days</c>.</summary>
    public const int MaxHistoricalDays = 365;

    /// <summary>
    /// The input, or null with <paramref name="errors"/> naming what is wrong. A registration
    /// (<paramref name="registration"/>) needs <c>device_type</c>, <c>device_name</c> and <c>integration_type</c>.
    /// </summary>
    public static DeviceInput? Parse(JsonElement root, bool registration, FieldErrors errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "The body must be a JSON object.");
            return null;
        }

        var input = new DeviceInput
        {
            DeviceType = RequiredText(root, "device_type", MaxShortText, registration, errors),
            DeviceName = RequiredText(root, "device_name", MaxNameLength, registration, errors),
            Manufacturer = OptionalText(root, "manufacturer", MaxShortText, errors),
            Model = OptionalText(root, "model", MaxShortText, errors),
            SerialNumber = OptionalText(root, "serial_number", MaxShortText, errors),
            FirmwareVersion = OptionalText(root, "firmware_version", MaxFirmwareLength, errors),
            Capabilities = Capabilities(root, errors),
            IntegrationType = IntegrationType(root, registration, errors),
            Vendor = Vendor(root, errors),
            Credentials = Credentials(root, errors),
            GroupName = OptionalText(root, "group_name", MaxShortText, errors),
        };

        if (root.TryGetProperty("sync_settings", out var settings) && settings.ValueKind != JsonValueKind.Null)
        {
            if (settings.ValueKind != JsonValueKind.Object)
            {
                errors.Add("sync_settings", "sync_settings must be an object.");
            }
            else
            {
                input = input with
                {
                    AutoSync = Boolean(settings, "auto_sync", "sync_settings.auto_sync", errors),
                    SyncIntervalMinutes = Integer(settings, "sync_interval_minutes", "sync_settings.sync_interval_minutes", MinSyncInterval, MaxSyncInterval, errors),
                    SyncHistoricalDays = Integer(settings, "sync_historical_days", "sync_settings.sync_historical_days", 0, MaxHistoricalDays, errors),
                };
            }
        }

        return errors.Any ? null : input;
    }

    private static Patch<string> RequiredText(JsonElement root, string name, int maxLength, bool required, FieldErrors errors)
    {
        if (!root.TryGetProperty(name, out var element))
        {
            if (required)
            {
                errors.Add(name, $"{name} is required.");
            }
            return default;
        }
        var text = Text(element, name, maxLength, errors);
        if (text is null && element.ValueKind == JsonValueKind.Null)
        {
            errors.Add(name, $"{name} must not be null.");
        }
        return text is null ? default : Patch<string>.Of(text);
    }

    private static Patch<string?> OptionalText(JsonElement root, string name, int maxLength, FieldErrors errors)
    {
        if (!root.TryGetProperty(name, out var element))
        {
            return default;
        }
        return Patch<string?>.Of(element.ValueKind == JsonValueKind.Null ? null : Text(element, name, maxLength, errors));
    }

    /// <summary>A trimmed non-blank string of at most <paramref name="maxLength"/> characters, or null (error added unless JSON null).</summary>
    private static string? Text(JsonElement element, string field, int maxLength, FieldErrors errors)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add(field, $"{field} must be a string.");
            return null;
        }
        var text = element.GetString()!.Trim();
        if (text.Length == 0)
        {
            errors.Add(field, $"{field} must not be blank.");
            return null;
        }
        if (text.Length > maxLength)
        {
            errors.Add(field, $"{field} must be at most {maxLength} characters.");
            return null;
        }
        if (text.Any(char.IsControl))
        {
            errors.Add(field, $"{field} must not contain control characters.");
            return null;
        }
        return text;
    }

    private static Patch<IReadOnlyList<string>> Capabilities(JsonElement root, FieldErrors errors)
    {
        if (!root.TryGetProperty("capabilities", out var element))
        {
            return default;
        }
        if (element.ValueKind == JsonValueKind.Null)
        {
            return Patch<IReadOnlyList<string>>.Of([]);
        }
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add("capabilities", "capabilities must be an array of strings.");
            return default;
        }
        if (element.GetArrayLength() > MaxCapabilities)
        {
            errors.Add("capabilities", $"capabilities may list at most {MaxCapabilities} entries.");
            return default;
        }
        var capabilities = new List<string>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (Text(item, $"capabilities[{index}]", MaxShortText, errors) is { } capability && !capabilities.Contains(capability, StringComparer.Ordinal))
            {
                capabilities.Add(capability);
            }
            else if (item.ValueKind == JsonValueKind.Null)
            {
                errors.Add($"capabilities[{index}]", "A capability must be a string.");
            }
            index++;
        }
        return Patch<IReadOnlyList<string>>.Of(capabilities);
    }

    private static Patch<string> IntegrationType(JsonElement root, bool required, FieldErrors errors)
    {
        var text = RequiredText(root, "integration_type", MaxShortText, required, errors);
        if (text.IsSet && !IntegrationTypes.All.Contains(text.Value, StringComparer.Ordinal))
        {
            errors.Add("integration_type", $"integration_type must be one of {string.Join(", ", IntegrationTypes.All)}.");
            return default;
        }
        return text;
    }

    private static Patch<string?> Vendor(JsonElement root, FieldErrors errors)
    {
        var vendor = OptionalText(root, "vendor", MaxShortText, errors);
        if (vendor.Value is { } name && !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
        {
            errors.Add("vendor", "vendor must be a lowercase connector name such as fitbit or oura.");
            return default;
        }
        return vendor;
    }

    private static Patch<VendorCredentials?> Credentials(JsonElement root, FieldErrors errors)
    {
        if (!root.TryGetProperty("credentials", out var element))
        {
            return default;
        }
        if (element.ValueKind == JsonValueKind.Null)
        {
            return Patch<VendorCredentials?>.Of(null);
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add("credentials", "credentials must be an object with an access_token.");
            return default;
        }

        string? accessToken = null;
        if (!element.TryGetProperty("access_token", out var token) || token.ValueKind == JsonValueKind.Null)
        {
            errors.Add("credentials.access_token", "credentials.access_token is required.");
        }
        else
        {
            accessToken = Text(token, "credentials.access_token", MaxTokenLength, errors);
        }
        string? Optional(string name) =>
            element.TryGetProperty(name, out var value) ? Text(value, $"credentials.{name}", MaxTokenLength, errors) : null;
        var refreshToken = Optional("refresh_token");
        var scope = Optional("scope");
        var vendorUserId = Optional("vendor_user_id");

        DateTimeOffset? expiresAt = null;
        if (element.TryGetProperty("expires_at", out var expires) && expires.ValueKind != JsonValueKind.Null)
        {
            if (expires.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(expires.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
                && HasOffset(expires.GetString()!))
            {
                expiresAt = parsed;
            }
            else
            {
                errors.Add("credentials.expires_at", "credentials.expires_at must be an ISO 8601 time with a UTC offset, such as 2030-12-31T23:59:59Z.");
            }
        }

        return accessToken is null
            ? default
            : Patch<VendorCredentials?>.Of(new VendorCredentials
            {
                AccessToken = accessToken,
                RefreshToken = refreshToken,
                ExpiresAt = expiresAt,
                Scope = scope,
                VendorUserId = vendorUserId,
            });
    }

    // "2030-12-31T23:59:59" alone would be read as local time: an expiry must say which instant it means.
    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    private static Patch<bool> Boolean(JsonElement settings, string name, string field, FieldErrors errors)
    {
        if (!settings.TryGetProperty(name, out var element))
        {
            return default;
        }
        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return Patch<bool>.Of(element.GetBoolean());
        }
        errors.Add(field, $"{field} must be true or false.");
        return default;
    }

    private static Patch<int> Integer(JsonElement settings, string name, string field, int min, int max, FieldErrors errors)
    {
        if (!settings.TryGetProperty(name, out var element))
        {
            return default;
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
        {
            errors.Add(field, $"{field} must be a whole number.");
            return default;
        }
        if (value < min || value > max)
        {
            errors.Add(field, $"{field} must be between {min} and {max}.");
            return default;
        }
        return Patch<int>.Of(value);
    }
}
