namespace VitaSense.Tracking.Model.Analytics;

/// <summary>A sleep session as the analysis reads it.</summary>
/// <param name="Start">When sleep began.</param>
/// <param name="End">When it ended.</param>
/// <param name="DurationHours">Hours slept.</param>
/// <param name="LightHours">Light sleep (N1 + N2), when staged.</param>
/// <param name="DeepHours">Deep sleep (N3), when staged.</param>
/// <param name="RemHours">REM sleep, when staged.</param>
/// <param name="Score">Sleep score 0–100, when given.</param>
/// <param name="Efficiency">Sleep efficiency percent, when given.</param>
public sealed record SleepRecord(DateTimeOffset Start, DateTimeOffset End, double DurationHours, double? LightHours, double? DeepHours, double? RemHours,
    double? Score, double? Efficiency);
