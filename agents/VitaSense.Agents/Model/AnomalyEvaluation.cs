namespace VitaSense.Agents.Model;

/// <summary>The findings for one status report and the device state to remember afterwards.</summary>
/// <param name="Findings">Anomalies to publish, possibly none.</param>
/// <param name="State">The device's state after this report.</param>
public sealed record AnomalyEvaluation(IReadOnlyList<AnomalyFinding> Findings, DeviceState State);
