namespace VitaSense.Devices.Model;

/// <summary>
/// A validated registration or update body. Every field is a <see cref="Patch{T}"/>: a registration sets the required
/// ones; an update changes only what it names.
/// </summary>
public sealed record DeviceInput
{
    /// <summary><c>device_type</c>.</summary>
    public Patch<string> DeviceType { get; init; }

    /// <summary><c>device_name</c>.</summary>
    public Patch<string> DeviceName { get; init; }

    /// <summary><c>manufacturer</c>.</summary>
    public Patch<string?> Manufacturer { get; init; }

    /// <summary><c>model</c>.</summary>
    public Patch<string?> Model { get; init; }

    /// <summary><c>serial_number</c>.</summary>
    public Patch<string?> SerialNumber { get; init; }

    /// <summary><c>firmware_version</c>.</summary>
    public Patch<string?> FirmwareVersion { get; init; }

    /// <summary><c>capabilities</c>, trimmed and deduplicated in order.</summary>
    public Patch<IReadOnlyList<string>> Capabilities { get; init; }

    /// <summary><c>integration_type</c>.</summary>
    public Patch<string> IntegrationType { get; init; }

    /// <summary><c>vendor</c>: the connector of an <c>api</c> device.</summary>
    public Patch<string?> Vendor { get; init; }

    /// <summary><c>credentials</c>; null removes stored ones.</summary>
    public Patch<VendorCredentials?> Credentials { get; init; }

    /// <summary><c>sync_settings.auto_sync</c>.</summary>
    public Patch<bool> AutoSync { get; init; }

    /// <summary><c>sync_settings.sync_interval_minutes</c>.</summary>
    public Patch<int> SyncIntervalMinutes { get; init; }

    /// <summary><c>sync_settings.sync_historical_days</c>.</summary>
    public Patch<int> SyncHistoricalDays { get; init; }

    /// <summary><c>group_name</c>.</summary>
    public Patch<string?> GroupName { get; init; }

    /// <summary>The sync settings after applying this input to <paramref name="current"/>.</summary>
    public SyncSettings ApplyTo(SyncSettings current) => new()
    {
        AutoSync = AutoSync.Or(current.AutoSync),
        SyncIntervalMinutes = SyncIntervalMinutes.Or(current.SyncIntervalMinutes),
        SyncHistoricalDays = SyncHistoricalDays.Or(current.SyncHistoricalDays),
    };
}
