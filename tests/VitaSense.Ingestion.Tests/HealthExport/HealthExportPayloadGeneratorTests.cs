using VitaSense.Ingestion.Model.HealthExport;
using static VitaSense.Ingestion.Tests.HealthExport.HealthExportTestHelpers;

namespace VitaSense.Ingestion.Tests.HealthExport;

/// <summary>Generated payloads read back with exactly the counts the generator reports, at any size, from a non-seekable stream.</summary>
public sealed class HealthExportPayloadGeneratorTests
{
    private sealed record Tally(Dictionary<string, int> PointsByMetric, List<WorkoutItem> Workouts, List<RejectedItem> Rejected, List<MetricPoint> Sample, List<DateTimeOffset> HeartRateDates);

    private static async Task<Tally> Count(Stream stream, HealthExportReader? reader = null)
    {
        reader ??= new HealthExportReader(stream);
        var points = new Dictionary<string, int>(StringComparer.Ordinal);
        var workouts = new List<WorkoutItem>();
        var rejected = new List<RejectedItem>();
        var sample = new List<MetricPoint>();
        var heartRateDates = new List<DateTimeOffset>();
        await foreach (var item in reader.ReadAsync())
        {
            switch (item)
            {
                case MetricPoint point:
                    points[point.Metric] = points.GetValueOrDefault(point.Metric) + 1;
                    if (point.Metric == "heart_rate")
                    {
                        heartRateDates.Add(point.Date);
                    }
                    if (point.Metric != "heart_rate" || point.Index % 97 == 0)
                    {
                        sample.Add(point);
                    }
                    break;
                case WorkoutItem workout:
                    workouts.Add(workout);
                    break;
                case RejectedItem reject:
                    rejected.Add(reject);
                    break;
            }
        }
        return new Tally(points, workouts, rejected, sample, heartRateDates);
    }

    [Fact]
    public async Task A_generated_payload_reads_back_with_the_counts_it_reports()
    {
        var options = new HealthExportGeneratorOptions { Days = 6, HeartRatePointsPerDay = 300, WorkoutsPerDay = 2, RoutePointsPerWorkout = 40, InvalidPointsPerDay = 1 };
        using var buffer = new MemoryStream();
        var summary = await HealthExportPayloadGenerator.WriteAsync(buffer, options);
        Assert.Equal(buffer.Length, summary.Bytes);
        buffer.Position = 0;

        var tally = await Count(new NonSeekableStream(buffer, maxChunk: 777), null);

        Assert.Equal(summary.PointsByMetric.OrderBy(p => p.Key), tally.PointsByMetric.OrderBy(p => p.Key));
        Assert.Equal(1800, summary.PointsByMetric["heart_rate"]);
        Assert.Equal(6 * 7, summary.PointsByMetric["sleep_analysis"]);
        Assert.True(summary.PointsByMetric.ContainsKey("vo2_max"));
        Assert.True(summary.PointsByMetric.ContainsKey("time_in_daylight"));
        Assert.Equal(12, summary.Workouts);
        Assert.Equal(summary.Workouts, tally.Workouts.Count);
        Assert.Equal(summary.LegacyWorkouts, tally.Workouts.Count(w => w.IsLegacy));
        Assert.Equal(summary.RoutePoints, tally.Workouts.Sum(w => w.Route.Count));
        Assert.Equal(6, summary.InvalidPoints);
        Assert.Equal(summary.InvalidPoints, tally.Rejected.Count);
        Assert.All(tally.Rejected, r => Assert.Equal(("step_count", "date"), (r.Collection, r.Field)));
    }

    [Fact]
    public async Task Generated_values_cover_every_shape_format_and_the_dst_change()
    {
        using var buffer = new MemoryStream();
        await HealthExportPayloadGenerator.WriteAsync(buffer, new HealthExportGeneratorOptions { Days = 7, HeartRatePointsPerDay = 48 });
        Assert.True(buffer.ToArray().AsSpan().IndexOf("\u202FPM"u8) >= 0, "the 12-hour dates carry a raw U+202F");
        buffer.Position = 0;
        var tally = await Count(buffer);
        var points = tally.Sample;

        var heartRate = points.Where(p => p.Metric == "heart_rate").ToList();
        Assert.Contains(heartRate, p => p.Date.Offset == TimeSpan.FromHours(-8));
        Assert.Contains(heartRate, p => p.Date.Offset == TimeSpan.FromHours(-7));
        Assert.All(heartRate, p => Assert.True(p.Min <= p.Avg && p.Avg <= p.Max));
        // Across the 2024-03-10 change the instants keep increasing: no local hour is skipped into a duplicate.
        Assert.Equal(7 * 48, tally.HeartRateDates.Count);
        Assert.All(tally.HeartRateDates.Zip(tally.HeartRateDates.Skip(1)), pair => Assert.True(pair.First < pair.Second, $"{pair.First} then {pair.Second}"));
        Assert.DoesNotContain(tally.HeartRateDates, d => d.Offset == TimeSpan.FromHours(-7) && d.Day == 10 && d.Hour == 2);
        Assert.Contains(points, p => p.Metric == "sleep_analysis" && p.DateOnly && p.Sleep?.TotalSleep > 0);
        Assert.Contains(points, p => p.Metric == "sleep_analysis" && p is { Sleep: null, Value: "REM", EndDate: not null });
        Assert.Contains(points, p => p.Metric == "blood_pressure" && p.Systolic > p.Diastolic);
        Assert.Contains(points, p => p.Metric == "blood_glucose" && p.MealTime == "After Meal" && p.Date.Hour >= 12);
        Assert.Contains(points, p => p.Metric == "insulin_delivery" && p.Reason == "Bolus");
        Assert.Contains(points, p => p.Metric == "weight_body_mass" && p.Metadata?["HKWasUserEntered"] == "1");
        Assert.Contains(points, p => p.Sources.SequenceEqual(["My iPhone", "My Apple Watch"]));
        Assert.Contains(tally.Workouts, w => w.IsLegacy && w.HeartRateData.All(h => h.Qty is not null));
        Assert.Contains(tally.Workouts, w => !w.IsLegacy && w.HeartRateData.All(h => h.Avg is not null) && w.Summaries.ContainsKey("heartRate.max"));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_bytes_and_another_seed_does_not()
    {
        static async Task<byte[]> Generate(int seed)
        {
            using var buffer = new MemoryStream();
            await HealthExportPayloadGenerator.WriteAsync(buffer, new HealthExportGeneratorOptions { Days = 2, HeartRatePointsPerDay = 60, Seed = seed });
            return buffer.ToArray();
        }

        Assert.Equal(await Generate(7), await Generate(7));
        Assert.NotEqual(await Generate(7), await Generate(8));
    }

    [Fact]
    public async Task A_20_megabyte_payload_is_read_from_a_non_seekable_stream_without_holding_it_whole()
    {
        var path = Path.Combine(Path.GetTempPath(), $"health-export-{Guid.NewGuid():N}.json");
        try
        {
            GeneratedPayloadSummary summary;
            await using (var file = File.Create(path))
            {
                summary = await HealthExportPayloadGenerator.WriteAsync(file, new HealthExportGeneratorOptions { Days = 130, Seed = 3, RoutePointsPerWorkout = 600 });
            }
            Assert.True(summary.Bytes >= 20_000_000, $"only {summary.Bytes} bytes generated");

            await using var stream = new NonSeekableStream(File.OpenRead(path), maxChunk: 64 * 1024);
            var reader = new HealthExportReader(stream);
            var tally = await Count(stream, reader);

            Assert.Equal(summary.Bytes, stream.TotalRead);
            Assert.Equal(summary.Bytes, reader.BytesConsumed);
            Assert.Equal(summary.TotalPoints, tally.PointsByMetric.Values.Sum());
            Assert.Equal(summary.Workouts, tally.Workouts.Count);
            Assert.Empty(tally.Rejected);
            // The buffer only ever holds one block plus the entry being read (a workout with its route is the largest).
            Assert.True(reader.PeakBufferSize <= 1024 * 1024, $"buffer grew to {reader.PeakBufferSize} bytes");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Reading_allocates_little_more_than_the_items_themselves()
    {
        using var buffer = new MemoryStream();
        var summary = await HealthExportPayloadGenerator.WriteAsync(buffer, new HealthExportGeneratorOptions { Days = 20, WorkoutsPerDay = 0 });
        buffer.Position = 0;
        using (var warmUp = new MemoryStream())
        {
            // Runs every code path once first, so one-time allocations are not counted against the points.
            await HealthExportPayloadGenerator.WriteAsync(warmUp, new HealthExportGeneratorOptions { Days = 1, HeartRatePointsPerDay = 10, WorkoutsPerDay = 0 });
            warmUp.Position = 0;
            await Count(warmUp);
        }

        // A MemoryStream completes every read synchronously, so the whole read stays on this thread.
        var reader = new HealthExportReader(buffer);
        var points = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        await foreach (var item in reader.ReadAsync())
        {
            points += item is MetricPoint ? 1 : 0;
        }
        var perPoint = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)points;

        Assert.Equal(summary.TotalPoints, points);
        // About 260 bytes is the MetricPoint itself; strings, dates and sources must not be allocated per point.
        Assert.True(perPoint < 400, $"{perPoint:F0} bytes allocated per point");
    }
}
