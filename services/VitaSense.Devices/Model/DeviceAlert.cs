namespace VitaSense.Devices.Model;

/// <summary>An anomaly the agents reported on a device.</summary>
/// <param name="AnomalyType">Such as <c>low_battery</c>.</param>
/// <param name="Severity"><c>info</c>, <c>warning</c> or <c>critical</c>.</param>
/// <param name="Description">For a person.</param>
/// <param name="DetectedAt">When.</param>
public sealed record DeviceAlert(string AnomalyType, string Severity, string Description, DateTimeOffset DetectedAt);
