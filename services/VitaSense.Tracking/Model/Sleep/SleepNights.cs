using System.Globalization;
using System.Text.Json;

namespace VitaSense.Tracking.Model.Sleep;

/// <summary>
/// The night maths of sleep stage segments, shared by the stream materializer (the nights one event shows) and the
/// store (the nights all stored segments of a source make): segments less than <see cref="Gap"/> apart are one night,
/// and a night's session sums its stages.
/// </summary>
public static class SleepNights
{
    /// <summary>A pause between sleep stage segments longer than this starts another night.</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromHours(2);

    /// <summary>The segments grouped into nights, each in start order, the nights in start order.</summary>
    public static IReadOnlyList<IReadOnlyList<SleepStageSegment>> Group(IEnumerable<SleepStageSegment> segments)
    {
        var nights = new List<List<SleepStageSegment>>();
        var end = DateTimeOffset.MinValue;
        foreach (var segment in segments.OrderBy(s => s.Start).ThenBy(s => s.End).ThenBy(s => s.Stage, StringComparer.Ordinal))
        {
            if (nights.Count == 0 || segment.Start > end + Gap)
            {
                nights.Add([]);
                end = segment.End;
            }
            nights[^1].Add(segment);
            end = segment.End > end ? segment.End : end;
        }
        return nights;
    }

    /// <summary>
    /// The session of one night (from <see cref="Group"/>), or null when it is none: longer than
    /// <see cref="SleepRules.MaxSession"/> or without any time asleep. Stages core/light, deep and rem count as asleep
    /// (as do asleep/unspecified); with none of them, the span less awake and in-bed time is the time asleep.
    /// </summary>
    public static SleepSession? Session(IReadOnlyList<SleepStageSegment> night, DateTimeOffset now)
    {
        if (night.Count == 0)
        {
            return null;
        }
        var start = night.Min(s => s.Start);
        var end = night.Max(s => s.End);
        if (end - start > SleepRules.MaxSession)
        {
            return null;
        }
        double Hours(params string[] names) => night.Where(s => names.Contains(s.Stage)).Sum(s => (s.End - s.Start).TotalHours);
        var light = Hours("core", "light");
        var deep = Hours("deep");
        var rem = Hours("rem");
        var awake = Hours("awake");
        var asleep = light + deep + rem + Hours("asleep", "unspecified", "asleep_unspecified");
        var span = (end - start).TotalHours;
        if (asleep <= 0)
        {
            asleep = Math.Max(0, span - awake - Hours("in_bed"));
        }
        if (asleep <= 0)
        {
            return null;
        }
        var stages = new Dictionary<string, double>
        {
            ["light_sleep_hours"] = Math.Round(light, 3),
            ["deep_sleep_hours"] = Math.Round(deep, 3),
            ["rem_sleep_hours"] = Math.Round(rem, 3),
            ["awake_hours"] = Math.Round(awake, 3),
        };
        using var stagesJson = JsonDocument.Parse(JsonSerializer.Serialize(stages));
        var first = night.MinBy(s => s.Start)!;
        var offset = TimeSpan.FromMinutes(first.UtcOffset);
        return new SleepSession
        {
            Id = Guid.CreateVersion7(start),
            StartTime = start.ToOffset(offset),
            EndTime = end.ToOffset(offset),
            DurationHours = Math.Round(Math.Min(asleep, span), 3),
            SleepStages = stagesJson.RootElement.Clone(),
            SleepEfficiency = Math.Round(Math.Clamp(asleep / span * 100, 0, 100), 1),
            DeviceId = first.DeviceId ?? night.Select(s => s.DeviceId).FirstOrDefault(d => d is not null),
            CreatedAt = now,
        };
    }

    /// <summary>The source reference of the stage-derived session of <paramref name="source"/> starting at <paramref name="start"/>.</summary>
    public static string SourceRef(string source, DateTimeOffset start) =>
        $"{StageSourceRefPrefix(source)}{start.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}";

    /// <summary>How the source references of every stage-derived session of <paramref name="source"/> begin.</summary>
    public static string StageSourceRefPrefix(string source) => $"{source}:stages:";
}
