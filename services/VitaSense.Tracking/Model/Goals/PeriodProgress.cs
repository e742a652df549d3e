using System.Text.Json.Serialization;

namespace VitaSense.Tracking.Model.Goals;

/// <summary>A goal's value in one of its periods.</summary>
/// <param name="PeriodStart">First local day of the period.</param>
/// <param name="PeriodEnd">Last local day of the period.</param>
/// <param name="Value">The period's value; null when nothing was recorded for a series that is not a total.</param>
/// <param name="Percent">How far towards the target (at_most: 100 when within it, else target / value × 100); null without a value.</param>
/// <param name="Achieved">Whether the target was met.</param>
/// <param name="Complete">Whether the period is over (its value can no longer change by the passing of time).</param>
public sealed record PeriodProgress(
    [property: JsonPropertyName("period_start")] DateOnly PeriodStart,
    [property: JsonPropertyName("period_end")] DateOnly PeriodEnd,
    [property: JsonPropertyName("value")] double? Value,
    [property: JsonPropertyName("percent")] double? Percent,
    [property: JsonPropertyName("achieved")] bool Achieved,
    [property: JsonPropertyName("complete")] bool Complete);
