using System.Text.Json.Serialization;

namespace VitaSense.Tracking.Model.Analytics;

/// <summary>The analysis of a user's sleep over a range of local days (a night belongs to the day it ended).</summary>
public sealed record SleepAnalysis
{
    /// <summary>First local day of the range.</summary>
    [JsonPropertyName("start_date")] public required DateOnly StartDate { get; init; }

    /// <summary>Last local day of the range.</summary>
    [JsonPropertyName("end_date")] public required DateOnly EndDate { get; init; }

    /// <summary>The time zone of the local days and clock times.</summary>
    [JsonPropertyName("time_zone")] public required string TimeZone { get; init; }

    /// <summary>Local days with sleep recorded.</summary>
    [JsonPropertyName("nights")] public required int Nights { get; init; }

    /// <summary>Sessions analysed.</summary>
    [JsonPropertyName("sessions")] public required int Sessions { get; init; }

    /// <summary>Averages per night and per session.</summary>
    [JsonPropertyName("averages")] public required SleepAverages Averages { get; init; }

    /// <summary>How regular bedtime and wake time are.</summary>
    [JsonPropertyName("consistency")] public required SleepConsistency Consistency { get; init; }

    /// <summary>Stage proportions against the ranges typical of the user's age.</summary>
    [JsonPropertyName("stages")] public required SleepStages Stages { get; init; }

    /// <summary>Sleep missed against the nightly need.</summary>
    [JsonPropertyName("sleep_debt")] public required SleepDebt SleepDebt { get; init; }

    /// <summary>The trend of nightly duration.</summary>
    [JsonPropertyName("trend")] public required TrendLine Trend { get; init; }
}

/// <summary>Average sleep.</summary>
/// <param name="DurationHours">Hours slept per night (naps included in their day).</param>
/// <param name="Efficiency">Average sleep efficiency of the sessions giving one, percent.</param>
/// <param name="Score">Average sleep score of the sessions giving one.</param>
public sealed record SleepAverages(
    [property: JsonPropertyName("duration_hours")] double? DurationHours,
    [property: JsonPropertyName("efficiency")] double? Efficiency,
    [property: JsonPropertyName("score")] double? Score);

/// <summary>Regularity of bedtime and wake time.</summary>
/// <param name="Bedtime">Local clock time sleep began.</param>
/// <param name="WakeTime">Local clock time sleep ended.</param>
public sealed record SleepConsistency(
    [property: JsonPropertyName("bedtime")] ClockStatistics? Bedtime,
    [property: JsonPropertyName("wake_time")] ClockStatistics? WakeTime);

/// <summary>
/// Circular statistics of local clock times (23:30 and 00:30 average to midnight, not noon): the mean direction and the
/// circular standard deviation √(−2 ln R̄) converted to minutes.
/// </summary>
/// <param name="Mean">The circular mean, HH:mm.</param>
/// <param name="MeanMinutes">The circular mean in minutes after midnight.</param>
/// <param name="StandardDeviationMinutes">The circular standard deviation in minutes.</param>
public sealed record ClockStatistics(
    [property: JsonPropertyName("mean")] string Mean,
    [property: JsonPropertyName("mean_minutes")] double MeanMinutes,
    [property: JsonPropertyName("standard_deviation_minutes")] double StandardDeviationMinutes);

/// <summary>Stage proportions of the staged sleep.</summary>
/// <param name="NightsWithStages">Sessions that gave stages.</param>
/// <param name="AgeGroup">The reference group of the ranges: <c>adult</c>, <c>older_adult</c> (over 65) or <c>adolescent</c> (under 18).</param>
/// <param name="Light">Light sleep (N1 + N2).</param>
/// <param name="Deep">Deep sleep (N3).</param>
/// <param name="Rem">REM sleep.</param>
public sealed record SleepStages(
    [property: JsonPropertyName("sessions_with_stages")] int NightsWithStages,
    [property: JsonPropertyName("age_group")] string AgeGroup,
    [property: JsonPropertyName("light")] StageShare? Light,
    [property: JsonPropertyName("deep")] StageShare? Deep,
    [property: JsonPropertyName("rem")] StageShare? Rem);

/// <summary>One stage's share of staged sleep against its typical range.</summary>
/// <param name="Percent">Share of staged sleep, percent.</param>
/// <param name="TypicalMinPercent">Lower end of the age-typical range.</param>
/// <param name="TypicalMaxPercent">Upper end of the age-typical range.</param>
/// <param name="Flag"><c>low</c>, <c>normal</c> or <c>high</c>.</param>
public sealed record StageShare(
    [property: JsonPropertyName("percent")] double Percent,
    [property: JsonPropertyName("typical_min_percent")] double TypicalMinPercent,
    [property: JsonPropertyName("typical_max_percent")] double TypicalMaxPercent,
    [property: JsonPropertyName("flag")] string Flag);

/// <summary>Sleep debt: Σ over the nights recorded of max(0, need − slept).</summary>
/// <param name="NeedHours">Nightly need: 8 h, 7 h over 65.</param>
/// <param name="DebtHours">The debt.</param>
/// <param name="NightsShort">Nights below the need.</param>
public sealed record SleepDebt(
    [property: JsonPropertyName("need_hours")] double NeedHours,
    [property: JsonPropertyName("debt_hours")] double DebtHours,
    [property: JsonPropertyName("nights_short")] int NightsShort);
