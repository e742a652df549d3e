using System.Text.Json;
using VitaSense.Agents.Model;
using VitaSense.Agents.Quality;
using VitaSense.Contracts.Events;

namespace VitaSense.Agents.Tests;

public sealed class StreamStateSerializerTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.FromHours(2));
    private readonly DataQualityProcessor processor = new(new DataQualityOptions());

    [Fact]
    public void A_restored_state_checks_the_next_event_exactly_like_the_original()
    {
        var first = processor.Evaluate(HeartRate(0, 300, i => 60 + i % 9), null, null);
        var restored = StreamStateSerializer.Deserialize(StreamStateSerializer.Serialize(first.State), processor.NewState());
        // A duplicate, a short gap and a spike: every part of the state matters.
        var next = HeartRate(299, 10, i => i == 6 ? 150 : 64, skip: 3);

        var fromOriginal = processor.Evaluate(next, first.State, null);
        var fromRestored = processor.Evaluate(next, restored, null);

        Assert.Equal(first.State.LastTimestamp, restored.LastTimestamp);
        Assert.Equal(first.State.LastTimestamp!.Value.Offset, restored.LastTimestamp!.Value.Offset);
        Assert.Equal(first.State.LastValue, restored.LastValue);
        Assert.Equal(first.State.Values.InOrder(), restored.Values.InOrder());
        Assert.Equal(Json(fromOriginal), Json(fromRestored));
        Assert.Contains(fromRestored.Issues, i => i.IssueType == QualityFlags.Duplicate);
        Assert.Contains(fromRestored.Issues, i => i.IssueType == QualityFlags.Gap);
    }

    [Fact]
    public void A_smaller_window_keeps_the_newest_values()
    {
        var state = processor.Evaluate(HeartRate(0, 50, i => i), null, null).State;

        var restored = StreamStateSerializer.Deserialize(StreamStateSerializer.Serialize(state), new StreamQualityState(10, 5, 8));

        Assert.Equal(Enumerable.Range(40, 10).Select(i => (double)i), restored.Values.InOrder());
        Assert.Equal(Enumerable.Range(42, 8).Select(i => T0.AddMinutes(i).UtcTicks), restored.Seen.InOrder());
    }

    [Fact]
    public void An_empty_state_round_trips()
    {
        var restored = StreamStateSerializer.Deserialize(StreamStateSerializer.Serialize(processor.NewState()), processor.NewState());

        Assert.Null(restored.LastTimestamp);
        Assert.Null(restored.LastValue);
        Assert.Equal(0, restored.Values.Count);
    }

    [Fact]
    public void Unknown_versions_and_truncated_bytes_are_rejected()
    {
        var bytes = StreamStateSerializer.Serialize(processor.Evaluate(HeartRate(0, 20, _ => 60), null, null).State);
        var otherVersion = (byte[])bytes.Clone();
        otherVersion[0] = 99;

        Assert.Throws<InvalidDataException>(() => StreamStateSerializer.Deserialize(otherVersion, processor.NewState()));
        Assert.Throws<InvalidDataException>(() => StreamStateSerializer.Deserialize(bytes[..(bytes.Length / 2)], processor.NewState()));
    }

    [Fact]
    public void A_state_saved_before_flatline_detection_reads_without_a_run_and_a_run_round_trips()
    {
        var state = processor.Evaluate(HeartRate(0, 20, i => 60 + i % 4), null, null).State;
        state.Run = null;
        var current = StreamStateSerializer.Serialize(state);
        // Version 1 is version 2 without the trailing run.
        var version1 = current[..^1];
        version1[0] = 1;

        var old = StreamStateSerializer.Deserialize(version1, processor.NewState());
        state.Run = new ValueRun(63, T0.AddMinutes(19), 1, Reported: true);
        var withRun = StreamStateSerializer.Deserialize(StreamStateSerializer.Serialize(state), processor.NewState());

        Assert.Null(old.Run);
        Assert.Equal(state.Values.InOrder(), old.Values.InOrder());
        Assert.Equal(state.Run, withRun.Run);
        Assert.Equal(TimeSpan.FromHours(2), withRun.Run!.Start.Offset);
    }

    private static string Json(QualityEvaluation evaluation) =>
        JsonSerializer.Serialize(new { evaluation.Points, evaluation.Issues });

    /// <summary><paramref name="count"/> minutes of heart rate from minute <paramref name="from"/>, leaving out <paramref name="skip"/> minutes after the first of them.</summary>
    private static ObservationsIngested HeartRate(int from, int count, Func<int, double> value, int skip = 0) => new()
    {
        UserId = "user-1",
        Metric = "heart_rate",
        Source = "watch",
        Unit = "count/min",
        Origin = "device_upload",
        Observations = Enumerable.Range(0, count)
            .Select(i => new ObservationPoint { Timestamp = T0.AddMinutes(from + i + (i > 1 ? skip : 0)), Value = value(i) })
            .ToList(),
    };
}
