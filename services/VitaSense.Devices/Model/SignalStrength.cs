namespace VitaSense.Devices.Model;

/// <summary>The specification's signal strength words from a received signal strength in dBm.</summary>
public static class SignalStrength
{
    /// <summary>At or above -55 dBm.</summary>
    public const string Excellent = "excellent";

    /// <summary>At or above -67 dBm.</summary>
    public const string Good = "good";

    /// <summary>At or above -80 dBm.</summary>
    public const string Fair = "fair";

    /// <summary>Below -80 dBm: a warning.</summary>
    public const string Poor = "poor";

    /// <summary>No signal reported (0 dBm and above is not a real reading).</summary>
    public const string None = "none";

    /// <summary>The word for <paramref name="rssi"/>.</summary>
    public static string FromRssi(int rssi) => rssi switch
    {
        >= 0 => None,
        >= -55 => Excellent,
        >= -67 => Good,
        >= -80 => Fair,
        _ => Poor,
    };
}
