using VitaSense.Ingestion.Model.HealthExport;

namespace VitaSense.Ingestion.Tests.HealthExport;

/// <summary>A generated payload holds every catalog metric and every collection, in realistic values, and reads back exactly.</summary>
public sealed class HealthExportGeneratorCoverageTests
{
    private sealed class Tally
    {
        public Dictionary<string, int> Points { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> Records { get; } = new(StringComparer.Ordinal);
        public List<RejectedItem> Rejected { get; } = [];
        public List<string> OutOfBounds { get; } = [];
        public List<string> UnknownUnits { get; } = [];
        public List<EcgRecording> Ecgs { get; } = [];
        public List<SymptomRecord> Symptoms { get; } = [];
        public List<CollectionRecord> Collections { get; } = [];
        public HashSet<TimeSpan> Offsets { get; } = [];
        public HashSet<string> Units { get; } = new(StringComparer.Ordinal);
        public int Workouts { get; set; }
    }

    private static async Task<(GeneratedPayloadSummary Summary, Tally Tally, byte[] Body)> GenerateAndRead(HealthExportGeneratorOptions options)
    {
        using var buffer = new MemoryStream();
        var summary = await HealthExportPayloadGenerator.WriteAsync(buffer, options);
        var body = buffer.ToArray();
        var tally = new Tally();
        await foreach (var item in new HealthExportReader(new NonSeekableStream(new MemoryStream(body), maxChunk: 4093)).ReadAsync())
        {
            switch (item)
            {
                case MetricPoint point:
                    tally.Points[point.Metric] = tally.Points.GetValueOrDefault(point.Metric) + 1;
                    tally.Offsets.Add(point.Date.Offset);
                    tally.Units.Add($"{point.Metric} {point.Units}");
                    Check(point, tally);
                    break;
                case EcgRecording ecg:
                    tally.Ecgs.Add(ecg);
                    Count(tally, HealthExportCollections.Ecg);
                    break;
                case SymptomRecord symptom:
                    tally.Symptoms.Add(symptom);
                    Count(tally, HealthExportCollections.Symptoms);
                    break;
                case CollectionRecord record:
                    tally.Collections.Add(record);
                    Count(tally, record.Collection);
                    break;
                case WorkoutItem:
                    tally.Workouts++;
                    break;
                case RejectedItem rejected:
                    tally.Rejected.Add(rejected);
                    break;
            }
        }
        return (summary, tally, body);
    }

    private static void Count(Tally tally, string collection) => tally.Records[collection] = tally.Records.GetValueOrDefault(collection) + 1;

    // What the caller does with a point: normalise each value to the canonical unit and check it is possible.
    private static void Check(MetricPoint point, Tally tally)
    {
        var metric = MetricCatalog.Find(point.Metric);
        if (metric is null)
        {
            return;
        }
        double?[] values = metric.Shape switch
        {
            MetricShape.HeartRate => [point.Min, point.Avg, point.Max, point.Qty],
            MetricShape.BloodPressure => [point.Systolic, point.Diastolic],
            MetricShape.Sleep => [point.Qty, point.Sleep?.TotalSleep, point.Sleep?.InBed],
            _ => [point.Qty],
        };
        foreach (var value in values.OfType<double>())
        {
            if (!MetricUnits.TryNormalise(metric, point.Units, value, out var canonical))
            {
                tally.UnknownUnits.Add($"{point.Metric}: {point.Units}");
            }
            else if (!metric.IsPossible(canonical))
            {
                tally.OutOfBounds.Add($"{point.Metric}: {value} {point.Units} = {canonical} {metric.CanonicalUnit}");
            }
        }
    }

    [Fact]
    public async Task Every_catalog_metric_and_collection_reads_back_with_exactly_the_summarys_counts()
    {
        var (summary, tally, _) = await GenerateAndRead(new HealthExportGeneratorOptions { Days = 9, HeartRatePointsPerDay = 96, InvalidPointsPerDay = 1 });

        Assert.Equal(summary.PointsByMetric.OrderBy(p => p.Key), tally.Points.OrderBy(p => p.Key));
        Assert.Equal(summary.RecordsByCollection.OrderBy(p => p.Key), tally.Records.OrderBy(p => p.Key));
        Assert.Equal(summary.Workouts, tally.Workouts);
        // Every catalog metric, each at least once a day.
        Assert.All(MetricCatalog.All, m => Assert.True(summary.PointsByMetric.GetValueOrDefault(m.Name) >= 9, $"{m.Name}: {summary.PointsByMetric.GetValueOrDefault(m.Name)}"));
        Assert.Equal(HealthExportCollections.All.Order(), summary.RecordsByCollection.Keys.Order());
        Assert.Equal((9, 18, 9, 9, 9, 3), (summary.RecordsByCollection["state_of_mind"], summary.RecordsByCollection["medications"],
            summary.RecordsByCollection["symptoms"], summary.RecordsByCollection["cycle_tracking"], summary.RecordsByCollection["ecg"],
            summary.RecordsByCollection["heart_rate_notifications"]));
        Assert.Equal(9 * 96, summary.PointsByMetric["heart_rate"]);
        Assert.Equal(9 * 4, summary.PointsByMetric["blood_glucose"]);
        Assert.Equal(9 * 2, summary.PointsByMetric["weight_body_mass"]);
        // Only the deliberately bad points are rejected; every other value converts and is possible.
        Assert.Equal(summary.InvalidPoints, tally.Rejected.Count);
        Assert.All(tally.Rejected, r => Assert.Equal("step_count", r.Collection));
        Assert.Empty(tally.UnknownUnits);
        Assert.Empty(tally.OutOfBounds);
    }

    [Fact]
    public async Task Non_canonical_units_sources_and_time_zones_vary_as_a_real_phone_would()
    {
        var (summary, tally, body) = await GenerateAndRead(new HealthExportGeneratorOptions { Days = 9, HeartRatePointsPerDay = 48 });

        Assert.Superset(new HashSet<string>
        {
            "weight_body_mass kg", "weight_body_mass lb", "blood_glucose mg/dL", "blood_glucose mmol/L", "walking_running_distance mi",
            "basal_energy_burned kJ", "body_temperature degF", "dietary_water fl_oz_us", "blood_oxygen_saturation %", "vo2_max ml/(kg·min)",
        }, tally.Units);
        // Home (PST, then PDT after 2024-03-10) and Berlin (CET) on days 4 and 5.
        Assert.Superset(new HashSet<TimeSpan> { TimeSpan.FromHours(-8), TimeSpan.FromHours(-7), TimeSpan.FromHours(1) }, tally.Offsets);
        Assert.Equal(2, summary.DaysAbroad);
        Assert.True(body.AsSpan().IndexOf("+0100\""u8) >= 0);

        Assert.All(tally.Ecgs, ecg =>
        {
            Assert.Equal(512, ecg.Voltages.Count);
            Assert.Equal(512, ecg.NumberOfVoltageMeasurements);
            // Apple Watch ECGs are around a millivolt: whichever unit was written, volts come back.
            Assert.All(ecg.Voltages, v => Assert.InRange(v, -0.005, 0.005));
            Assert.Contains(ecg.Voltages, v => v > 0.0008);
        });
        Assert.Equal(summary.EcgVoltageSamples, tally.Ecgs.Sum(e => e.Voltages.Count));
        // The 12-hour dates with a raw U+202F reach the new collections too.
        Assert.True(body.AsSpan().IndexOf("\"scheduledDate\":\"2024-03-07 8:00:00\u202FAM -0800\""u8) >= 0);
        Assert.Contains(tally.Collections, c => c.Collection == "medications" && c.Name == "Atorvastatin 20 mg" && c.Start.Hour == 21);
        Assert.Contains(tally.Collections, c => c.Collection == "state_of_mind" && c.Name == "Daily Mood" && c.Json.Contains("\"valence\":", StringComparison.Ordinal));
        Assert.Contains(tally.Collections, c => c.Collection == "cycle_tracking" && c.Name == "Ovulation Test Result" && c.End == c.Start);
        Assert.Contains(tally.Collections, c => c.Collection == "heart_rate_notifications" && c.End - c.Start == TimeSpan.FromMinutes(10));
        Assert.Contains(tally.Symptoms, s => s.Sources.SequenceEqual(["My iPhone", "My Apple Watch"]) && s.End > s.Start);
        Assert.Contains(tally.Symptoms, s => s.Start.Offset == TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Without_the_extras_only_the_original_metrics_are_written()
    {
        var (summary, tally, _) = await GenerateAndRead(new HealthExportGeneratorOptions
        {
            Days = 2, HeartRatePointsPerDay = 10, IncludeAllMetrics = false, IncludeOtherCollections = false, TravelDays = 0,
        });
        Assert.Equal(10, summary.PointsByMetric.Count);
        Assert.Empty(summary.RecordsByCollection);
        Assert.Empty(tally.Records);
        Assert.Equal(0, summary.DaysAbroad);
        Assert.DoesNotContain(TimeSpan.FromHours(1), tally.Offsets);
    }

    [Fact]
    public async Task The_ecg_sample_count_is_an_option()
    {
        var (summary, tally, _) = await GenerateAndRead(new HealthExportGeneratorOptions { Days = 2, HeartRatePointsPerDay = 4, EcgVoltageSamples = 15_360 });
        Assert.Equal(2 * 15_360, summary.EcgVoltageSamples);
        Assert.All(tally.Ecgs, e => Assert.Equal(15_360, e.Voltages.Count));
    }
}
