namespace VitaSense.Devices.Model;

/// <summary>How a registration or an update turns into the stored device.</summary>
public static class DeviceChanges
{
    /// <summary>
    /// When the scheduler first syncs a device: one interval from <paramref name="from"/> for an <c>api</c> device with
    /// automatic sync; null otherwise (nothing to fetch, or the owner syncs by hand).
    /// </summary>
    public static DateTimeOffset? NextSync(string integrationType, SyncSettings settings, DateTimeOffset from) =>
        integrationType == IntegrationTypes.Api && settings.AutoSync ? from.AddMinutes(settings.SyncIntervalMinutes) : null;

    /// <summary>A new device of <paramref name="userId"/> from a validated registration.</summary>
    public static Device Register(Guid deviceId, string userId, DeviceInput input, DateTimeOffset now)
    {
        var settings = input.ApplyTo(new SyncSettings());
        return new Device
        {
            DeviceId = deviceId,
            UserId = userId,
            DeviceType = input.DeviceType.Value,
            DeviceName = input.DeviceName.Value,
            Manufacturer = input.Manufacturer.Value,
            Model = input.Model.Value,
            SerialNumber = input.SerialNumber.Value,
            FirmwareVersion = input.FirmwareVersion.Value,
            Capabilities = input.Capabilities.Value ?? [],
            IntegrationType = input.IntegrationType.Value,
            Vendor = input.Vendor.Value,
            SyncSettings = settings,
            Status = DeviceStatuses.Registered,
            SyncStatus = "pending",
            NextSync = NextSync(input.IntegrationType.Value, settings, now),
            GroupName = input.GroupName.Value,
            HasCredentials = input.Credentials.Value is not null,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// <paramref name="device"/> with what <paramref name="input"/> names changed. A change of sync settings or
    /// integration type reschedules the next sync from <paramref name="now"/>.
    /// </summary>
    public static Device Update(Device device, DeviceInput input, DateTimeOffset now)
    {
        var settings = input.ApplyTo(device.SyncSettings);
        var integrationType = input.IntegrationType.Or(device.IntegrationType);
        var rescheduled = settings != device.SyncSettings || integrationType != device.IntegrationType;
        return device with
        {
            DeviceType = input.DeviceType.Or(device.DeviceType),
            DeviceName = input.DeviceName.Or(device.DeviceName),
            Manufacturer = input.Manufacturer.Or(device.Manufacturer),
            Model = input.Model.Or(device.Model),
            SerialNumber = input.SerialNumber.Or(device.SerialNumber),
            FirmwareVersion = input.FirmwareVersion.Or(device.FirmwareVersion),
            Capabilities = input.Capabilities.Or(device.Capabilities),
            IntegrationType = integrationType,
            Vendor = input.Vendor.Or(device.Vendor),
            SyncSettings = settings,
            NextSync = rescheduled ? NextSync(integrationType, settings, now) : device.NextSync,
            GroupName = input.GroupName.Or(device.GroupName),
            UpdatedAt = now,
        };
    }
}
