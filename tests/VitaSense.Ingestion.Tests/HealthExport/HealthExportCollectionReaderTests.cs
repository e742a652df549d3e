using VitaSense.Ingestion.Model.HealthExport;
using static VitaSense.Ingestion.Tests.HealthExport.HealthExportTestHelpers;

namespace VitaSense.Ingestion.Tests.HealthExport;

/// <summary>The collections besides metrics and workouts, in the shapes the app's JSON format documents.</summary>
public sealed class HealthExportCollectionReaderTests
{
    private static readonly TimeSpan Pst = TimeSpan.FromHours(-8);

    private static string Data(string collection, params string[] entries) =>
        $$$"""{"data":{"metrics":[],"workouts":[],"{{{collection}}}":[{{{string.Join(",", entries)}}}]}}""";

    private static async Task<T> Single<T>(string collection, string entry) where T : HealthExportItem =>
        Assert.IsType<T>(Assert.Single(await ReadAllAsync(Data(collection, entry))));

    [Fact]
    public async Task An_ecg_reads_its_fields_and_voltages_in_volts()
    {
        var ecg = await Single<EcgRecording>("ecg", """
            {
              "start": "2024-02-06 14:30:00 -0800",
              "end": "2024-02-06 14:30:30 -0800",
              "classification": "Sinus Rhythm",
              "severity": "Not Set",
              "averageHeartRate": 72,
              "numberOfVoltageMeasurements": 15360,
              "voltageMeasurements": [
                {"date": "2024-02-06 14:30:00.000 -0800", "voltage": 0.000123, "units": "V"},
                {"date": "2024-02-06 14:30:00.002 -0800", "voltage": 0.25, "units": "mV"},
                {"date": "2024-02-06 14:30:00.004 -0800", "voltage": -80, "units": "µV"},
                {"date": "2024-02-06 14:30:00.006 -0800", "voltage": 12, "units": "mcV"}
              ],
              "samplingFrequency": 512,
              "source": "My Apple Watch|My iPhone"
            }
            """);

        Assert.Equal(new DateTimeOffset(2024, 2, 6, 14, 30, 0, Pst), ecg.Start);
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 14, 30, 30, Pst), ecg.End);
        Assert.Equal(("Sinus Rhythm", "Not Set", 72d, 512d, 15360), (ecg.Classification, ecg.Severity, ecg.AverageHeartRate, ecg.SamplingFrequency, ecg.NumberOfVoltageMeasurements));
        Assert.Equal([0.000123, 0.00025, -0.00008, 0.000012], ecg.Voltages.Select(v => Math.Round(v, 9)));
        Assert.Equal(["My Apple Watch", "My iPhone"], ecg.Sources);
        Assert.Equal(0, ecg.Index);
    }

    [Fact]
    public async Task A_bad_ecg_is_rejected_naming_the_sample_and_the_next_one_is_read()
    {
        var items = await ReadAllAsync(Data("ecg",
            """{"start":"2024-02-06 14:30:00 -0800","voltageMeasurements":[{"voltage":0.1,"units":"V"},{"voltage":0.1,"units":"kV"}]}""",
            """{"end":"2024-02-06 14:30:30 -0800","voltageMeasurements":[]}""",
            """{"start":"2024-02-06 3:30:00\u202FPM -0800","voltageMeasurements":[0.0001, 0.0002]}"""));

        var unit = Assert.IsType<RejectedItem>(items[0]);
        Assert.Equal(("ecg", 0, "voltageMeasurements[1]"), (unit.Collection, unit.Index, unit.Field));
        Assert.Contains("kV", unit.Reason, StringComparison.Ordinal);
        Assert.Equal(("ecg", 1, "start"), Assert.IsType<RejectedItem>(items[1]) is var r ? (r.Collection, r.Index, r.Field) : default);
        var ecg = Assert.IsType<EcgRecording>(items[2]);
        Assert.Equal((2, new DateTimeOffset(2024, 2, 6, 15, 30, 0, Pst)), (ecg.Index, ecg.Start));
        Assert.Equal([0.0001, 0.0002], ecg.Voltages);
        Assert.Null(ecg.End);
    }

    [Fact]
    public async Task A_symptom_reads_name_severity_times_and_user_entered()
    {
        var items = await ReadAllAsync(Data("symptoms",
            """
            {"start":"2024-02-06 10:00:00 -0800","end":"2024-02-06 12:00:00 -0800","name":"Headache","severity":"Moderate","userEntered":true,"source":"Health Auto Export"}
            """,
            "{\"start\":\"2024-02-06 2:30:00\u202FPM -0800\",\"end\":\"2024-02-06 2:30:00\u202FPM -0800\",\"name\":\"Dizziness\",\"severity\":\"Mild\",\"userEntered\":false}",
            """{"start":"2024-02-06 10:00:00 -0800","severity":"Mild"}""",
            """{"name":"Fatigue","start":"not a date"}"""));

        var headache = Assert.IsType<SymptomRecord>(items[0]);
        Assert.Equal(("Headache", "Moderate", true), (headache.Name, headache.Severity, headache.UserEntered));
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 10, 0, 0, Pst), headache.Start);
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 12, 0, 0, Pst), headache.End);
        Assert.Equal(["Health Auto Export"], headache.Sources);
        var dizziness = Assert.IsType<SymptomRecord>(items[1]);
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 14, 30, 0, Pst), dizziness.Start);
        Assert.Equal((1, false), (dizziness.Index, dizziness.UserEntered));
        Assert.Equal(("symptoms", "name"), Assert.IsType<RejectedItem>(items[2]) is var r2 ? (r2.Collection, r2.Field) : default);
        Assert.Equal(("symptoms", "start"), Assert.IsType<RejectedItem>(items[3]) is var r3 ? (r3.Collection, r3.Field) : default);
    }

    [Fact]
    public async Task A_state_of_mind_is_kept_whole_as_compact_json_with_its_kind()
    {
        var record = await Single<CollectionRecord>("stateOfMind", """
            {
              "id": "550e8400-e29b-41d4-a716-446655440000",
              "start": "2024-02-06 14:00:00 -0800",
              "end": "2024-02-06 14:05:00 -0800",
              "kind": "mood",
              "labels": ["Calm", "Focused"],
              "associations": ["Work", "Productive"],
              "valence": 0.7,
              "valenceClassification": 1,
              "metadata": { "customKey": "custom value" }
            }
            """);

        Assert.Equal(("state_of_mind", "mood"), (record.Collection, record.Name));
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 14, 0, 0, Pst), record.Start);
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 14, 5, 0, Pst), record.End);
        Assert.Equal("""
            {"id":"550e8400-e29b-41d4-a716-446655440000","start":"2024-02-06 14:00:00 -0800","end":"2024-02-06 14:05:00 -0800","kind":"mood","labels":["Calm","Focused"],"associations":["Work","Productive"],"valence":0.7,"valenceClassification":1,"metadata":{"customKey":"custom value"}}
            """, record.Json);
        Assert.Empty(record.Sources);
    }

    [Fact]
    public async Task A_medication_takes_its_display_text_and_a_12_hour_scheduled_date()
    {
        var items = await ReadAllAsync(Data("medications",
            """
            {"start":"2024-02-06 08:05:00 -0800","end":"2024-02-06 08:05:00 -0800","displayText":"Metformin 500 mg","status":"Taken","dosage":1,"units":"tablet",
             "isArchived":false,"codings":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","version":"","code":"861007"}],"scheduledDosage":1,
             "scheduledDate":"2024-02-06 8:00:00\u202FAM -0800"}
            """,
            "{\"displayText\":\"Vitamin D\",\"status\":\"Skipped\",\"scheduledDate\":\"2024-02-06 9:00:00\u202FPM -0800\"}",
            """{"displayText":"No time at all","status":"Taken"}"""));

        var taken = Assert.IsType<CollectionRecord>(items[0]);
        Assert.Equal(("medications", "Metformin 500 mg"), (taken.Collection, taken.Name));
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 8, 5, 0, Pst), taken.Start);
        Assert.Contains("\"codings\":[{\"system\"", taken.Json, StringComparison.Ordinal);
        // Escapes stay as sent: this entry wrote the narrow no-break space as the JSON escape.
        Assert.Contains("\"scheduledDate\":\"2024-02-06 8:00:00\\u202FAM -0800\"", taken.Json, StringComparison.Ordinal);
        // Without start or date, the scheduled time (12-hour, raw U+202F) is the start.
        var skipped = Assert.IsType<CollectionRecord>(items[1]);
        Assert.Equal((1, new DateTimeOffset(2024, 2, 6, 21, 0, 0, Pst)), (skipped.Index, skipped.Start));
        var rejected = Assert.IsType<RejectedItem>(items[2]);
        Assert.Equal(("medications", 2, "start"), (rejected.Collection, rejected.Index, rejected.Field));
    }

    [Fact]
    public async Task Cycle_tracking_entries_take_whichever_date_field_they_have()
    {
        var items = await ReadAllAsync(Data("cycleTracking",
            """{"name":"Menstrual Flow","value":"Medium","isCycleStart":true,"startDate":"2024-02-06 08:00:00 -0800","endDate":"2024-02-06 20:00:00 -0800","source":"My iPhone"}""",
            """{"name":"Cervical Mucus Quality","value":"Creamy","date":"2024-02-07T07:30:00-08:00"}""",
            """{"type":"Ovulation Test Result","value":"Negative","start":"2024-02-08 7:00:00 AM -0800","date":"2024-01-01 00:00:00 -0800"}"""));

        var flow = Assert.IsType<CollectionRecord>(items[0]);
        Assert.Equal(("cycle_tracking", "Menstrual Flow"), (flow.Collection, flow.Name));
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 8, 0, 0, Pst), flow.Start);
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 20, 0, 0, Pst), flow.End);
        Assert.Equal(["My iPhone"], flow.Sources);
        Assert.Equal(new DateTimeOffset(2024, 2, 7, 7, 30, 0, Pst), Assert.IsType<CollectionRecord>(items[1]).Start);
        // "start" wins over "date" wherever each stands in the entry.
        var test = Assert.IsType<CollectionRecord>(items[2]);
        Assert.Equal(("Ovulation Test Result", new DateTimeOffset(2024, 2, 8, 7, 0, 0, Pst)), (test.Name, test.Start));
    }

    [Fact]
    public async Task A_heart_rate_notification_keeps_its_nested_samples_in_the_json()
    {
        var record = await Single<CollectionRecord>("heartRateNotifications", """
            {
              "start": "2024-02-06 14:30:00 -0800",
              "end": "2024-02-06 14:35:00 -0800",
              "threshold": 100,
              "heartRate": [
                {"hr": 105, "units": "bpm", "timestamp": {"start": "2024-02-06 14:30:00 -0800", "end": "2024-02-06 14:30:05 -0800", "interval": {"duration": 5, "units": "s"}}}
              ],
              "heartRateVariation": [
                {"hrv": 45, "units": "ms", "timestamp": {"start": "2024-02-06 14:30:00 -0800", "end": "2024-02-06 14:30:05 -0800", "interval": {"duration": 5, "units": "s"}}}
              ]
            }
            """);

        Assert.Equal(("heart_rate_notifications", (string?)null), (record.Collection, record.Name));
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 14, 30, 0, Pst), record.Start);
        Assert.Equal(new DateTimeOffset(2024, 2, 6, 14, 35, 0, Pst), record.End);
        using var json = System.Text.Json.JsonDocument.Parse(record.Json);
        Assert.Equal(105, json.RootElement.GetProperty("heartRate")[0].GetProperty("hr").GetInt32());
        Assert.DoesNotContain('\n', record.Json);
        Assert.DoesNotContain("\": ", record.Json, StringComparison.Ordinal);
        Assert.DoesNotContain(", ", record.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_collection_in_one_body_in_order_with_indexes_per_collection()
    {
        var body = """
            {"data":{
              "metrics":[{"name":"step_count","units":"count","data":[{"date":"2024-02-06 10:00:00 -0800","qty":1}]}],
              "workouts":[],
              "stateOfMind":[{"start":"2024-02-06 14:00:00 -0800","kind":"mood"},{"start":"2024-02-06 15:00:00 -0800","kind":"mood"}],
              "medications":[{"start":"2024-02-06 08:05:00 -0800","displayText":"Metformin"}],
              "symptoms":[{"start":"2024-02-06 10:00:00 -0800","name":"Headache"}],
              "cycleTracking":null,
              "ecg":[{"start":"2024-02-06 14:30:00 -0800","voltageMeasurements":[]}],
              "heartRateNotifications":[{"start":"2024-02-06 14:30:00 -0800","heartRate":[]}],
              "futureCollection":[{"start":"2024-02-06 14:30:00 -0800"}]
            }}
            """;
        var items = await ReadAllAsync(body);

        Assert.Equal(
            ["MetricPoint:0", "state_of_mind:0", "state_of_mind:1", "medications:0", "SymptomRecord:0", "EcgRecording:0", "heart_rate_notifications:0"],
            items.Select(i => (i is CollectionRecord c ? c.Collection : i.GetType().Name) + ":" + i.Index));
    }

    [Theory]
    [InlineData("""{"data":{"ecg":{}}}""", "'data.ecg' must be an array")]
    [InlineData("""{"data":{"stateOfMind":"x"}}""", "'data.stateOfMind' must be an array")]
    [InlineData("""{"data":{"symptoms":[{"name":"x","start":"2024-02-06 10:00:00 -0800"}""", "data.symptoms entry 1")]
    public async Task A_collection_that_is_not_an_array_or_is_cut_short_throws_naming_it(string body, string expected)
    {
        var exception = await Assert.ThrowsAsync<HealthExportFormatException>(() => ReadAllAsync(body));
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_object_entry_is_rejected()
    {
        var items = await ReadAllAsync(Data("symptoms", "5", "[1,2]", """{"start":"2024-02-06 10:00:00 -0800","name":"Headache"}"""));
        Assert.Equal(["symptoms:0", "symptoms:1"], items.OfType<RejectedItem>().Select(r => r.Collection + ":" + r.Index));
        Assert.Equal(2, Assert.IsType<SymptomRecord>(items[2]).Index);
    }
}
