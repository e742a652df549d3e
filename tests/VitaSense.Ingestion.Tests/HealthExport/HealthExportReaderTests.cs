using VitaSense.Ingestion.Model.HealthExport;
using static VitaSense.Ingestion.Tests.HealthExport.HealthExportTestHelpers;

namespace VitaSense.Ingestion.Tests.HealthExport;

/// <summary>Each metric and workout shape read into the right fields; bad entries rejected; bad bodies refused.</summary>
public sealed class HealthExportReaderTests
{
    private static readonly TimeSpan Pst = TimeSpan.FromHours(-8);

    private static async Task<MetricPoint> SinglePoint(string name, string units, string point)
    {
        var items = await ReadAllAsync(Metrics(Metric(name, units, point)));
        var only = Assert.Single(items);
        return Assert.IsType<MetricPoint>(only);
    }

    [Fact]
    public async Task A_quantity_point_keeps_name_units_date_qty_sources_and_metadata()
    {
        var point = await SinglePoint("step_count", "count",
            """{"date":"2024-02-06 14:30:00 -0800","qty":1234,"source":"My iPhone|My Apple Watch","metadata":{"HKWasUserEntered":"1","n":2}}""");

        Assert.Equal("step_count", point.Metric);
        Assert.Equal("count", point.Units);
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 14, 30, 0, Pst), point.Date);
        Assert.Equal(1234, point.Qty);
        Assert.Equal(["My iPhone", "My Apple Watch"], point.Sources);
        Assert.Equal("1", point.Metadata!["HKWasUserEntered"]);
        Assert.Equal("2", point.Metadata["n"]);
        Assert.Null(point.Extra);
    }

    [Fact]
    public async Task Heart_rate_reads_min_avg_max()
    {
        var point = await SinglePoint("heart_rate", "count/min",
            """{"date":"2024-02-06 3:04:05\u202FPM -0800","Min":61,"Avg":64.5,"Max":70,"source":"My Apple Watch"}""");

        Assert.Equal(("heart_rate", 61d, 64.5d, 70d), (point.Metric, point.Min!.Value, point.Avg!.Value, point.Max!.Value));
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 15, 4, 5, Pst), point.Date);
        Assert.Equal(["My Apple Watch"], point.Sources);
        Assert.Null(point.Qty);
    }

    [Fact]
    public async Task A_raw_narrow_no_break_space_in_the_utf8_body_is_read()
    {
        // Not a JSON escape: the U+202F character itself, as three UTF-8 bytes in the body.
        var point = await SinglePoint("heart_rate", "count/min", "{\"date\":\"2024-02-06 3:04:05\u202FPM -0800\",\"Avg\":64}");
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 15, 4, 5, Pst), point.Date);
    }

    [Fact]
    public async Task Escaped_property_names_and_a_date_in_another_form_are_read_like_plain_ones()
    {
        // "\u0041vg" is "Avg" and "\u0064ate" is "date" with a JSON escape; the date is ISO 8601, not the app's usual form.
        var point = await SinglePoint("heart_rate", "count/min",
            """{"\u0064ate":"2024-02-06T15:04:05-08:00","\u0041vg":64,"extra\u005fnote":"kept"}""");

        Assert.Equal(new DateTimeOffset(2024, 2, 6, 15, 4, 5, Pst), point.Date);
        Assert.Equal(64, point.Avg);
        Assert.Equal("kept", point.Extra!["extra_note"]);
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_is_named_in_the_rejection()
    {
        var items = await ReadAllAsync(Metrics(Metric("step_count", "count", """{"date":"2024-02-06 14:30:00 -0800","qty":"many"}""")));

        var rejected = Assert.IsType<RejectedItem>(Assert.Single(items));
        Assert.Equal("qty", rejected.Field);
        Assert.Contains("'qty'", rejected.Reason);
    }

    [Fact]
    public async Task Blood_pressure_reads_systolic_and_diastolic()
    {
        var point = await SinglePoint("blood_pressure", "mmHg", """{"date":"2024-02-06 08:00:00 -0800","systolic":121,"diastolic":79}""");
        Assert.Equal((121d, 79d), (point.Systolic!.Value, point.Diastolic!.Value));
    }

    [Fact]
    public async Task Aggregated_sleep_reads_every_field_and_a_date_only_date()
    {
        var point = await SinglePoint("sleep_analysis", "hr", """
            {"date":"2024-02-06","totalSleep":7.5,"asleep":0,"core":4,"deep":1.25,"rem":2.25,"awake":0.4,
             "sleepStart":"2024-02-05 23:10:00 -0800","sleepEnd":"2024-02-06 07:04:00 -0800","inBed":8,
             "inBedStart":"2024-02-05 23:00:00 -0800","inBedEnd":"2024-02-06 07:00:00 -0800","source":"My Apple Watch"}
            """);

        Assert.True(point.DateOnly);
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 0, 0, 0, TimeSpan.Zero), point.Date);
        var sleep = point.Sleep!;
        Assert.Equal((7.5, 0d, 4d, 1.25, 2.25, 0.4, 8d), (sleep.TotalSleep!.Value, sleep.Asleep!.Value, sleep.Core!.Value, sleep.Deep!.Value, sleep.Rem!.Value, sleep.Awake!.Value, sleep.InBed!.Value));
        Assert.Equal(new DateTimeOffset(2024, 2, 5, 23, 10, 0, Pst), sleep.SleepStart);
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 7, 4, 0, Pst), sleep.SleepEnd);
        Assert.Equal(new DateTimeOffset(2024, 2, 5, 23, 0, 0, Pst), sleep.InBedStart);
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 7, 0, 0, Pst), sleep.InBedEnd);
    }

    [Fact]
    public async Task Unaggregated_sleep_reads_start_end_and_stage()
    {
        var point = await SinglePoint("sleep_analysis", "hr",
            """{"startDate":"2024-02-05 23:10:00 -0800","endDate":"2024-02-06 00:40:00 -0800","qty":1.5,"value":"Core","source":"My Apple Watch"}""");

        Assert.Null(point.Sleep);
        Assert.False(point.DateOnly);
        Assert.Equal(new DateTimeOffset(2024, 2, 5, 23, 10, 0, Pst), point.StartDate);
        Assert.Equal(point.StartDate, point.Date);
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 0, 40, 0, Pst), point.EndDate);
        Assert.Equal("Core", point.Value);
        Assert.Equal(1.5, point.Qty);
    }

    [Fact]
    public async Task Blood_glucose_keeps_meal_time_and_insulin_keeps_reason()
    {
        var items = await ReadAllAsync(Metrics(
            Metric("blood_glucose", "mg/dL", """{"date":"2024-02-06 7:15:00\u202FAM -0800","qty":98,"mealTime":"Before Meal"}"""),
            Metric("insulin_delivery", "IU", """{"date":"2024-02-06T07:30:00-08:00","qty":4.5,"reason":"Bolus"}""")));

        var glucose = Assert.IsType<MetricPoint>(items[0]);
        var insulin = Assert.IsType<MetricPoint>(items[1]);
        Assert.Equal(("blood_glucose", 98d, "Before Meal"), (glucose.Metric, glucose.Qty!.Value, glucose.MealTime));
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 7, 15, 0, Pst), glucose.Date);
        Assert.Equal(("insulin_delivery", 4.5, "Bolus"), (insulin.Metric, insulin.Qty!.Value, insulin.Reason));
    }

    [Theory]
    [InlineData("vo2max")]
    [InlineData("vo2_max")]
    [InlineData("vo2Max")]
    [InlineData("VO2 Max")]
    public async Task Every_spelling_of_vo2_max_is_canonical(string name)
    {
        var point = await SinglePoint(name, "ml/(kg·min)", """{"date":"2024-02-06 09:00:00 -0800","qty":42.1}""");
        Assert.Equal("vo2_max", point.Metric);
        Assert.Equal(42.1, point.Qty);
    }

    [Fact]
    public async Task An_unknown_metric_passes_through_with_its_fields()
    {
        var point = await SinglePoint("someNewMetric", "widgets", """{"date":"2024-02-06 09:00:00 -0800","level":3,"label":"x","nested":{"a":1}}""");

        Assert.Equal("some_new_metric", point.Metric);
        Assert.Equal("widgets", point.Units);
        Assert.Null(point.Qty);
        Assert.Equal("3", point.Extra!["level"]);
        Assert.Equal("x", point.Extra["label"]);
        Assert.Equal("""{"a":1}""", point.Extra["nested"]);
    }

    [Fact]
    public async Task A_bad_point_is_rejected_with_its_index_and_field_and_the_rest_is_read()
    {
        var items = await ReadAllAsync(Metrics(
            Metric("step_count", "count",
                """{"date":"2024-02-06 10:00:00 -0800","qty":1}""",
                """{"date":"2024-02-06 10:00:00","qty":2}""",
                """{"date":"2024-02-06 12:00:00 -0800","qty":"three"}""",
                """{"qty":4}""",
                "42",
                """{"date":"2024-02-06 13:00:00 -0800"}""",
                """{"date":"2024-02-06 14:00:00 -0800","qty":7}"""),
            Metric("blood_pressure", "mmHg", """{"date":"2024-02-06 08:00:00 -0800","systolic":121}"""),
            Metric("heart_rate", "count/min", """{"date":"2024-02-06 08:00:00 -0800","Avg":70}""")));

        Assert.Equal(9, items.Count);
        Assert.Equal([0, 6], items.OfType<MetricPoint>().Where(p => p.Metric == "step_count").Select(p => p.Index));
        var rejected = items.OfType<RejectedItem>().ToList();
        Assert.Equal([(1, "date"), (2, "qty"), (3, "date"), (4, null), (5, "qty")],
            rejected.Where(r => r.Collection == "step_count").Select(r => (r.Index, r.Field)));
        Assert.All(rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        Assert.Contains(rejected, r => r is { Collection: "blood_pressure", Index: 0, Field: "diastolic" });
        Assert.Equal(70, Assert.IsType<MetricPoint>(items[^1]).Avg);
    }

    [Fact]
    public async Task A_point_rejected_at_a_nested_value_is_passed_over_whole_and_the_next_point_is_read()
    {
        // Read three bytes at a time: the rejection and the skip over the rest of the point run out of bytes midway.
        var items = await ReadAllAsync(Metrics(
            Metric("step_count", "count",
                """{"date":"2024-02-06 10:00:00 -0800","qty":{"value":[1,{"deep":[2,3]}]},"source":"Watch","metadata":{"a":{"b":[1]}}}""",
                """{"date":"2024-02-06 11:00:00 -0800","qty":5,"metadata":{"note":{"x":[1,2]}},"extra":[{"y":"}"}]}""")));

        Assert.Equal(2, items.Count);
        var rejected = Assert.IsType<RejectedItem>(items[0]);
        Assert.Equal((0, "qty"), (rejected.Index, rejected.Field));
        var point = Assert.IsType<MetricPoint>(items[1]);
        Assert.Equal((1, 5.0), (point.Index, point.Qty));
        Assert.Equal("""{"x":[1,2]}""", point.Metadata!["note"]);
        Assert.Equal("""[{"y":"}"}]""", point.Extra!["extra"]);
    }

    [Fact]
    public async Task A_current_format_workout_reads_id_summaries_heart_rate_and_route()
    {
        var items = await ReadAllAsync("""
            {"data":{"workouts":[{"id":"AB12","name":"Outdoor Run","start":"2024-02-06 07:00:00 -0800","end":"2024-02-06 07:30:00 -0800",
              "duration":1800,"location":"Outdoor","activeEnergyBurned":{"qty":310.5,"units":"kcal"},"distance":{"qty":5.2,"units":"km"},
              "heartRate":{"min":{"qty":98,"units":"bpm"},"avg":{"qty":145,"units":"bpm"},"max":{"qty":172,"units":"bpm"}},
              "heartRateData":[{"date":"2024-02-06 07:01:00 -0800","Min":120,"Avg":130,"Max":140,"units":"count/min","source":"My Apple Watch"}],
              "route":[{"latitude":37.77,"longitude":-122.41,"altitude":12.5,"timestamp":"2024-02-06 07:00:05 -0800","speed":2.9},
                       {"latitude":37.771,"longitude":-122.411,"altitude":13,"timestamp":"2024-02-06 07:00:10 -0800","speed":3.1}]}]}}
            """);

        var workout = Assert.IsType<WorkoutItem>(Assert.Single(items));
        Assert.Equal(("AB12", "Outdoor Run", false, 1800d), (workout.Id, workout.Name, workout.IsLegacy, workout.Duration!.Value));
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 7, 0, 0, Pst), workout.Start);
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 7, 30, 0, Pst), workout.End);
        Assert.Equal(new WorkoutQuantity(310.5, "kcal"), workout.Summaries["activeEnergyBurned"]);
        Assert.Equal(new WorkoutQuantity(5.2, "km"), workout.Summaries["distance"]);
        Assert.Equal(new WorkoutQuantity(145, "bpm"), workout.Summaries["heartRate.avg"]);
        var sample = Assert.Single(workout.HeartRateData);
        Assert.Equal((120d, 130d, 140d), (sample.Min!.Value, sample.Avg!.Value, sample.Max!.Value));
        Assert.Equal(2, workout.Route.Count);
        Assert.Equal(new RoutePoint(37.77, -122.41, 12.5, new DateTimeOffset(2024, 2, 6, 7, 0, 5, Pst), 2.9), workout.Route[0]);
        Assert.Equal("Outdoor", workout.Extra!["location"]);
    }

    [Fact]
    public async Task A_legacy_workout_reads_qty_heart_rate_and_lat_lon_route()
    {
        var items = await ReadAllAsync("""
            {"data":{"metrics":[],"workouts":[{"name":"Running","start":"2024-02-06 07:00:00 -0800","end":"2024-02-06 07:30:00 -0800",
              "activeEnergy":{"qty":300,"units":"kcal"},"avgHeartRate":{"qty":140,"units":"bpm"},
              "heartRateData":[{"date":"2024-02-06 07:01:00 -0800","qty":131,"units":"count/min"}],
              "route":[{"lat":37.77,"lon":-122.41,"altitude":12,"timestamp":"2024-02-06 07:00:05 -0800"}]}]}}
            """);

        var workout = Assert.IsType<WorkoutItem>(Assert.Single(items));
        Assert.True(workout.IsLegacy);
        Assert.Null(workout.Duration);
        Assert.Equal(new WorkoutQuantity(140, "bpm"), workout.Summaries["avgHeartRate"]);
        Assert.Equal(131, Assert.Single(workout.HeartRateData).Qty);
        Assert.Equal(new RoutePoint(37.77, -122.41, 12, new DateTimeOffset(2024, 2, 6, 7, 0, 5, Pst), null), Assert.Single(workout.Route));
    }

    [Fact]
    public async Task A_bad_workout_is_rejected_and_the_next_one_is_read()
    {
        var items = await ReadAllAsync("""
            {"data":{"workouts":[
              {"name":"Running","start":"2024-02-06 07:00:00 -0800","end":"2024-02-06 07:30:00 -0800","route":[{"lat":37.7,"lon":-122.4},{"lat":37.7}]},
              {"name":"Walk","start":"2024-02-06 08:00:00","end":"2024-02-06 08:30:00 -0800"},
              {"name":"Yoga","start":"2024-02-06 09:00:00 -0800","end":"2024-02-06 09:30:00 -0800"}]}}
            """);

        Assert.Equal(3, items.Count);
        Assert.Equal(("workouts", 0, "route[1].lon"), Assert.IsType<RejectedItem>(items[0]) is var r0 ? (r0.Collection, r0.Index, r0.Field) : default);
        Assert.Equal((1, "start"), Assert.IsType<RejectedItem>(items[1]) is var r1 ? (r1.Index, r1.Field) : default);
        Assert.Equal("Yoga", Assert.IsType<WorkoutItem>(items[2]).Name);
    }

    [Fact]
    public async Task Unknown_envelope_properties_are_skipped_and_unknown_collections_named()
    {
        var json = """
            {"meta":{"v":[1,{"x":[]}]},"data":{"futureThings":[{"a":[1,2]}],"metrics":[{"extra":{"k":[1]},"name":"step_count","units":"count",
             "data":[{"date":"2024-02-06 10:00:00 -0800","qty":1}]}],"ecg":[],"moreThings":null,"futureThings":{}},"tail":"x"}
            """;
        var reader = new HealthExportReader(new NonSeekableStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), maxChunk: 3), 16);
        var items = new List<HealthExportItem>();
        await foreach (var item in reader.ReadAsync())
        {
            items.Add(item);
        }
        Assert.Equal(1, Assert.IsType<MetricPoint>(Assert.Single(items)).Qty);
        Assert.Equal(["futureThings", "moreThings"], reader.SkippedCollections);
    }

    [Theory]
    [InlineData("""{"data":{"metrics":[{"name":"step_count","units":"count","data":[{"date":"2024-02-06 10:00:00 -0800","qty":1},{"date":"2024-""", "truncated")]
    [InlineData("""{"data":{"metrics":[""", "truncated")]
    [InlineData("""{"data":{"metrics":[]}""", "truncated")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("""{"data":{"metrics":[}}""", "not valid JSON")]
    [InlineData("""<html>hello</html>""", "not valid JSON")]
    [InlineData("""{"data":{}} trailing""", "not valid JSON")]
    [InlineData("""[1,2,3]""", "must be a JSON object with a 'data' property")]
    [InlineData("""{"metrics":[]}""", "no 'data' property")]
    [InlineData("""{"data":[]}""", "'data' must be an object")]
    [InlineData("""{"data":{"metrics":{}}}""", "'data.metrics' must be an array")]
    [InlineData("""{"data":{"metrics":[5]}}""", "'data.metrics[0]' must be an object")]
    [InlineData("""{"data":{"metrics":[{"name":5,"data":[]}]}}""", "'data.metrics[0].name'")]
    [InlineData("""{"data":{"metrics":[{"data":[],"name":"x"}]}}""", "'data' before 'name'")]
    [InlineData("""{"data":{"workouts":"none"}}""", "'data.workouts' must be an array")]
    public async Task Bodies_that_are_not_the_envelope_throw_naming_the_problem(string body, string expected)
    {
        var exception = await Assert.ThrowsAsync<HealthExportFormatException>(() => ReadAllAsync(body));
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Points_before_a_truncation_are_still_yielded()
    {
        var body = Metrics(Metric("step_count", "count", """{"date":"2024-02-06 10:00:00 -0800","qty":1}""", """{"date":"2024-02-06 11:00:00 -0800","qty":2}"""));
        var seen = new List<HealthExportItem>();
        var stream = new NonSeekableStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body[..^20])), 3);
        var exception = await Assert.ThrowsAsync<HealthExportFormatException>(async () =>
        {
            await foreach (var item in new HealthExportReader(stream, 16).ReadAsync())
            {
                seen.Add(item);
            }
        });
        Assert.Contains("truncated", exception.Message, StringComparison.Ordinal);
        Assert.Single(seen);
    }

    [Fact]
    public async Task Null_collections_and_a_metric_without_data_are_accepted()
    {
        var items = await ReadAllAsync("""{"data":{"metrics":[{"name":"step_count","units":"count"},{"name":"x","data":null}],"workouts":null}}""");
        Assert.Empty(items);
    }

    [Fact]
    public async Task An_entry_larger_than_the_cap_throws_instead_of_growing_without_bound()
    {
        var huge = new string('a', 200_000);
        var body = Metrics(Metric("step_count", "count", $$"""{"date":"2024-02-06 10:00:00 -0800","qty":1,"note":"{{huge}}"}"""));
        var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));

        var exception = await Assert.ThrowsAsync<HealthExportFormatException>(async () =>
        {
            await foreach (var item in new HealthExportReader(stream, 1024, maxEntryBytes: 64 * 1024).ReadAsync())
            {
                Assert.Fail($"nothing should be read, got {item}");
            }
        });
        Assert.Contains("larger than 65536 bytes", exception.Message, StringComparison.Ordinal);

        stream.Position = 0;
        var point = Assert.IsType<MetricPoint>(Assert.Single(await ReadAllAsync(stream, 1024)));
        Assert.Equal(huge, point.Extra!["note"]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4096)]
    public async Task A_utf8_bom_before_the_body_is_accepted(int chunk)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(Metrics(Metric("step_count", "count", """{"date":"2024-02-06 10:00:00 -0800","qty":5}""")));
        var stream = new NonSeekableStream(new MemoryStream([0xEF, 0xBB, 0xBF, .. body]), chunk);
        Assert.Equal(5, Assert.IsType<MetricPoint>(Assert.Single(await ReadAllAsync(stream, 16))).Qty);
    }

    [Fact]
    public async Task Reading_stops_when_cancelled()
    {
        var body = Metrics(Metric("step_count", "count",
            Enumerable.Range(0, 50).Select(i => $$"""{"date":"2024-02-06 10:00:00 -0800","qty":{{i}}}""").ToArray()));
        using var cancellation = new CancellationTokenSource();
        var read = 0;
        var stream = new NonSeekableStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)), 16);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in new HealthExportReader(stream, 16).ReadAsync(cancellation.Token))
            {
                read++;
                cancellation.Cancel();
            }
        });
        Assert.InRange(read, 1, 10); // of 50: stopped long before the end
    }
}
