namespace VitaSense.Devices.Model;

/// <summary>Values of a device's registry <c>status</c>.</summary>
public static class DeviceStatuses
{
    /// <summary>Registered, nothing received from it yet.</summary>
    public const string Registered = "registered";

    /// <summary>Data or a status has arrived from it.</summary>
    public const string Active = "active";

    /// <summary>Set aside by its owner.</summary>
    public const string Inactive = "inactive";

    /// <summary>Something is wrong with it (set by sync).</summary>
    public const string Error = "error";

    /// <summary>Unregistered: no longer synced, credentials wiped.</summary>
    public const string Unregistered = "unregistered";

    /// <summary>Every status, for validating the list filter.</summary>
    public static readonly IReadOnlyList<string> All = [Registered, Active, Inactive, Error, Unregistered];
}
