namespace VitaSense.Ingestion.Model.DeviceData;

/// <summary>A device's owner as the lifecycle events last described it (<c>ingestion.device_owners</c>).</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="UserId">Its owner.</param>
/// <param name="DeviceType">Such as <c>smartwatch</c>, when known.</param>
/// <param name="Registered">False once the device was unregistered; the row stays so the owner of its data is known.</param>
/// <param name="ChangedAt">When the last applied change happened.</param>
public sealed record DeviceOwner(string DeviceId, string UserId, string? DeviceType, bool Registered, DateTimeOffset ChangedAt)
{
    /// <summary>
    /// Whether <paramref name="caller"/> may upload, read and delete this device's data. Once the device is unregistered
    /// only deleting is left to its last owner (<paramref name="deleting"/>): their data stays theirs to erase.
    /// </summary>
    public bool Admits(Caller caller, bool deleting = false) =>
        (Registered || deleting) && string.Equals(UserId, caller.UserId, StringComparison.Ordinal) && caller.MayAccess(DeviceId);
}
