namespace VitaSense.Devices.Model;

/// <summary>How a device's data arrives (<c>integration_type</c>).</summary>
public static class IntegrationTypes
{
    /// <summary>From a vendor cloud, synced by the scheduler.</summary>
    public const string Api = "api";

    /// <summary>A phone relays it over Bluetooth.</summary>
    public const string Bluetooth = "bluetooth";

    /// <summary>The device uploads over Wi-Fi itself.</summary>
    public const string Wifi = "wifi";

    /// <summary>Entered or uploaded by hand.</summary>
    public const string Manual = "manual";

    /// <summary>Every accepted value.</summary>
    public static readonly IReadOnlyList<string> All = [Api, Bluetooth, Wifi, Manual];
}
