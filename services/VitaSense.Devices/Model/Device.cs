namespace VitaSense.Devices.Model;

/// <summary>
/// A registered device as stored in <c>devices.devices</c> (credentials excluded: they never leave
/// <see cref="Infrastructure.Security.CredentialProtector"/> decrypted except to call the vendor).
/// </summary>
public sealed record Device
{
    /// <summary>The device's id.</summary>
    public required Guid DeviceId { get; init; }

    /// <summary>Owner (the JWT <c>sub</c> of whoever registered it).</summary>
    public required string UserId { get; init; }

    /// <summary>Such as <c>fitbit_charge_5</c> or <c>smartwatch</c>.</summary>
    public required string DeviceType { get; init; }

    /// <summary>The owner's name for it.</summary>
    public required string DeviceName { get; init; }

    /// <summary>Maker.</summary>
    public string? Manufacturer { get; init; }

    /// <summary>Model.</summary>
    public string? Model { get; init; }

    /// <summary>Serial number, unique across the registry.</summary>
    public string? SerialNumber { get; init; }

    /// <summary>Current firmware version.</summary>
    public string? FirmwareVersion { get; init; }

    /// <summary>What it measures, such as <c>heart_rate</c>, <c>steps</c>.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>How its data arrives: <c>api</c> (a vendor cloud), <c>bluetooth</c>, <c>wifi</c> or <c>manual</c>.</summary>
    public required string IntegrationType { get; init; }

    /// <summary>For <c>api</c> devices, the vendor connector (<c>fitbit</c>, <c>oura</c>, ...), else null.</summary>
    public string? Vendor { get; init; }

    /// <summary>The vendor's own id of the device, when imported from a vendor.</summary>
    public string? VendorDeviceId { get; init; }

    /// <summary>Sync settings.</summary>
    public SyncSettings SyncSettings { get; init; } = new();

    /// <summary><c>registered</c>, <c>active</c>, <c>inactive</c>, <c>error</c> or <c>unregistered</c>.</summary>
    public required string Status { get; init; }

    /// <summary>When data or a status of the device last arrived.</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>When the last sync ended.</summary>
    public DateTimeOffset? LastSync { get; init; }

    /// <summary>When the scheduler syncs it next (null when automatic sync is off).</summary>
    public DateTimeOffset? NextSync { get; init; }

    /// <summary><c>pending</c>, <c>running</c>, <c>successful</c> or <c>failed</c>.</summary>
    public required string SyncStatus { get; init; }

    /// <summary>Last reported battery level, 0 to 100.</summary>
    public int? BatteryLevel { get; init; }

    /// <summary>Last reported signal: <c>excellent</c>, <c>good</c>, <c>fair</c>, <c>poor</c> or <c>none</c>.</summary>
    public string? SignalStrength { get; init; }

    /// <summary>Whether its newest status report said it was online (null before any report).</summary>
    public bool? ReportedOnline { get; init; }

    /// <summary>The owner's group for it, such as <c>bedroom</c> or <c>family</c> (device groups).</summary>
    public string? GroupName { get; init; }

    /// <summary>Whether vendor credentials are stored for it (they themselves are never returned).</summary>
    public bool HasCredentials { get; init; }

    /// <summary>Registration time.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last change.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}
