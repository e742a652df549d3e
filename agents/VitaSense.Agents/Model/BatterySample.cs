namespace VitaSense.Agents.Model;

/// <summary>A battery level at a time, as a device reported it.</summary>
/// <param name="At">The device's timestamp of the report.</param>
/// <param name="Level">Battery charge, 0 to 100 percent.</param>
public sealed record BatterySample(DateTimeOffset At, int Level);
