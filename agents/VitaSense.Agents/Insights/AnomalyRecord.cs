using System.Text.Json;

namespace VitaSense.Agents.Insights;

/// <summary>A recorded device anomaly (serialised in snake_case).</summary>
/// <param name="Id">The id of the event that reported it.</param>
/// <param name="DeviceId">The device.</param>
/// <param name="Type">The anomaly type, for example <c>device_offline</c>.</param>
/// <param name="Severity"><c>info</c>, <c>warning</c> or <c>critical</c>.</param>
/// <param name="DetectedAt">When the observation that triggered it was made.</param>
/// <param name="Payload">The event's data as published (description, measured values, source event).</param>
public sealed record AnomalyRecord(string Id, string DeviceId, string Type, string Severity, DateTimeOffset DetectedAt, JsonElement Payload);
