namespace VitaSense.Agents.Model;

/// <summary>Where a battery level falls relative to the thresholds; alerts fire when the band gets worse.</summary>
public enum BatteryBand
{
    /// <summary>At or above the low threshold.</summary>
    Normal,

    /// <summary>Below the low threshold.</summary>
    Low,

    /// <summary>Below the critical threshold.</summary>
    Critical,
}
