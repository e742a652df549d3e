using System.Net;
using System.Text.Json;
using static VitaSense.Tracking.Tests.Records.RecordsTestClient;

namespace VitaSense.Tracking.Tests.Records;

public sealed class MetricsApiTests(TrackingFactory factory) : IClassFixture<TrackingFactory>
{
    private const string Path = "/api/v1/metrics";

    private const string SeedBody = """
        {
          "metric_type": "blood_pressure",
          "timestamp": "2023-12-01T12:00:00Z",
          "values": {"systolic": 120, "diastolic": 80, "pulse": 72},
          "device_id": "bp_monitor_001",
          "notes": "Morning reading"
        }
        """;

    [Fact]
    public async Task The_seed_blood_pressure_is_stored_with_its_structure()
    {
        var (client, _) = NewUser(factory);
        var created = await CreateAsync(client, Path, SeedBody);
        Assert.Equal("blood_pressure", created.GetProperty("metric_type").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("value").ValueKind);
        Assert.Equal("mmHg", created.GetProperty("unit").GetString());
        var values = created.GetProperty("values");
        Assert.Equal(120, values.GetProperty("systolic").GetDouble());
        Assert.Equal(80, values.GetProperty("diastolic").GetDouble());
        Assert.Equal(72, values.GetProperty("pulse").GetDouble());
        Assert.Equal(40, values.GetProperty("pulse_pressure").GetDouble());

        var listed = (await GetAsync(client, Path)).GetProperty("items")[0];
        Assert.Equal(created.GetProperty("id").GetString(), listed.GetProperty("id").GetString());
        Assert.Equal("bp_monitor_001", listed.GetProperty("device_id").GetString());
        Assert.Equal("Morning reading", listed.GetProperty("notes").GetString());
        Assert.Equal("manual", listed.GetProperty("source").GetString());
        Assert.Equal(120, listed.GetProperty("values").GetProperty("systolic").GetDouble());
    }

    [Fact]
    public async Task Readings_are_converted_to_the_canonical_unit()
    {
        var (client, _) = NewUser(factory);
        var glucose = await CreateAsync(client, Path, """
            {"metric_type": "glucose", "timestamp": "2023-12-01T07:00:00Z", "values": {"value": 5.5, "unit": "mmol/L", "meal_context": "fasting"}}
            """);
        Assert.Equal("blood_glucose", glucose.GetProperty("metric_type").GetString());
        Assert.Equal(99.1, glucose.GetProperty("value").GetDouble());
        Assert.Equal("mg/dL", glucose.GetProperty("unit").GetString());
        Assert.Equal(5.5, glucose.GetProperty("values").GetProperty("original_value").GetDouble());
        Assert.Equal("fasting", glucose.GetProperty("values").GetProperty("meal_context").GetString());

        var temperature = await CreateAsync(client, Path, """
            {"metric_type": "temperature", "timestamp": "2023-12-01T07:00:00Z", "values": {"value": 98.6, "unit": "F"}}
            """);
        Assert.Equal("body_temperature", temperature.GetProperty("metric_type").GetString());
        Assert.Equal(37, temperature.GetProperty("value").GetDouble());

        var spo2 = await CreateAsync(client, Path, """{"metric_type": "spo2", "timestamp": "2023-12-01T07:00:00Z", "values": {"spo2": 97}}""");
        Assert.Equal("blood_oxygen_saturation", spo2.GetProperty("metric_type").GetString());
        Assert.Equal(97, spo2.GetProperty("value").GetDouble());

        var steps = await CreateAsync(client, Path, """{"metric_type": "steps", "timestamp": "2023-12-01T07:00:00Z", "value": 1200}""");
        Assert.Equal("step_count", steps.GetProperty("metric_type").GetString());

        // Any type ingestion's catalogue knows is accepted, with its range.
        var vo2 = await CreateAsync(client, Path, """{"metric_type": "vo2_max", "timestamp": "2023-12-01T07:00:00Z", "values": {"value": 45}}""");
        Assert.Equal(45, vo2.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Weight_gets_kilograms_body_composition_and_a_BMI_from_the_profile_height()
    {
        var (client, _) = NewUser(factory);
        var before = await CreateAsync(client, Path, """{"metric_type": "weight", "timestamp": "2023-12-01T07:00:00Z", "values": {"weight": 70}}""");
        Assert.False(before.GetProperty("values").TryGetProperty("bmi", out _));

        await ReadAsync(await PutAsync(client, "/api/v1/profile", """{"height_cm": 175}"""), HttpStatusCode.OK);
        var weight = await CreateAsync(client, Path, """
            {"metric_type": "weight", "timestamp": "2023-12-02T07:00:00Z",
             "values": {"weight": 165, "unit": "lb", "body_fat_percentage": 18.5, "muscle_mass": 120}}
            """);
        Assert.Equal("weight_body_mass", weight.GetProperty("metric_type").GetString());
        Assert.Equal(74.84, weight.GetProperty("value").GetDouble());
        Assert.Equal("kg", weight.GetProperty("unit").GetString());
        var values = weight.GetProperty("values");
        Assert.Equal(24.4, values.GetProperty("bmi").GetDouble());
        Assert.Equal(18.5, values.GetProperty("body_fat_percentage").GetDouble());
        Assert.Equal(54.43, values.GetProperty("muscle_mass").GetDouble());
        Assert.Equal("lb", values.GetProperty("original_unit").GetString());
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"metric_type": "mood_ring", "timestamp": "2023-12-01T12:00:00Z", "values": {"value": 1}}""", "metric_type" },
        { """{"metric_type": "sleep", "timestamp": "2023-12-01T12:00:00Z", "values": {"value": 7}}""", "metric_type" },
        { """{"timestamp": "2023-12-01T12:00:00Z", "values": {"value": 1}}""", "metric_type" },
        { """{"metric_type": "blood_pressure", "values": {"systolic": 120, "diastolic": 80}}""", "timestamp" },
        { """{"metric_type": "blood_pressure", "timestamp": "2099-12-01T12:00:00Z", "values": {"systolic": 120, "diastolic": 80}}""", "timestamp" },
        { """{"metric_type": "blood_pressure", "timestamp": "2023-12-01T12:00:00Z", "values": {"systolic": 300, "diastolic": 80}}""", "values.systolic" },
        { """{"metric_type": "blood_pressure", "timestamp": "2023-12-01T12:00:00Z", "values": {"systolic": 80, "diastolic": 90}}""", "values.systolic" },
        { """{"metric_type": "blood_pressure", "timestamp": "2023-12-01T12:00:00Z", "values": {"systolic": 120}}""", "values.diastolic" },
        { """{"metric_type": "blood_pressure", "timestamp": "2023-12-01T12:00:00Z", "values": {"systolic": 120, "diastolic": 20}}""", "values.diastolic" },
        { """{"metric_type": "blood_pressure", "timestamp": "2023-12-01T12:00:00Z", "values": {"systolic": 120, "diastolic": 80, "pulse": 400}}""", "values.pulse" },
        { """{"metric_type": "blood_pressure", "timestamp": "2023-12-01T12:00:00Z", "values": [120, 80]}""", "values" },
        { """{"metric_type": "blood_glucose", "timestamp": "2023-12-01T12:00:00Z", "values": {"value": 5, "unit": "g/L"}}""", "values.unit" },
        { """{"metric_type": "blood_glucose", "timestamp": "2023-12-01T12:00:00Z", "values": {"value": 45, "unit": "mmol/L"}}""", "values.value" },
        { """{"metric_type": "blood_glucose", "timestamp": "2023-12-01T12:00:00Z", "values": {"value": 100, "meal_context": "brunch"}}""", "values.meal_context" },
        { """{"metric_type": "weight", "timestamp": "2023-12-01T12:00:00Z", "values": {"weight": 800}}""", "values.value" },
        { """{"metric_type": "weight", "timestamp": "2023-12-01T12:00:00Z", "values": {"weight": 70, "unit": "stone"}}""", "values.unit" },
        { """{"metric_type": "weight", "timestamp": "2023-12-01T12:00:00Z", "values": {"weight": 70, "body_fat_percentage": 95}}""", "values.body_fat_percentage" },
        { """{"metric_type": "weight", "timestamp": "2023-12-01T12:00:00Z", "values": {"body_fat_percentage": 20}}""", "values.value" },
        { """{"metric_type": "body_temperature", "timestamp": "2023-12-01T12:00:00Z", "values": {"value": 50}}""", "values.value" },
        { """{"metric_type": "body_temperature", "timestamp": "2023-12-01T12:00:00Z", "values": {"value": 120, "unit": "F"}}""", "values.value" },
        { """{"metric_type": "spo2", "timestamp": "2023-12-01T12:00:00Z", "values": {"value": 65}}""", "values.value" },
        { """{"metric_type": "respiratory_rate", "timestamp": "2023-12-01T12:00:00Z", "values": {"value": 2}}""", "values.value" },
        { """{"metric_type": "respiratory_rate", "timestamp": "2023-12-01T12:00:00Z", "values": {"value": "fast"}}""", "values.value" },
        { """{"metric_type": "resting_heart_rate", "timestamp": "2023-12-01T12:00:00Z", "values": {"value": 60, "unit": "mmHg"}}""", "values.unit" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_readings_are_400_naming_the_field(string body, string field)
    {
        var (client, _) = NewUser(factory);
        await AssertFieldErrorAsync(await client.PostAsync(Path, Json(body)), field);
        Assert.Equal(0, (await GetAsync(client, Path)).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task List_filters_by_type_and_range_newest_first_in_pages()
    {
        var (client, _) = NewUser(factory);
        var weights = new List<string>();
        for (var day = 1; day <= 4; day++)
        {
            weights.Add((await CreateAsync(client, Path, $$"""{"metric_type": "weight", "timestamp": "2023-12-0{{day}}T07:00:00Z", "values": {"weight": {{70 + day}} } }""")).GetProperty("id").GetString()!);
            await CreateAsync(client, Path, $$"""{"metric_type": "spo2", "timestamp": "2023-12-0{{day}}T08:00:00Z", "values": {"value": 97} }""");
        }

        var all = await GetAsync(client, Path);
        Assert.Equal(8, all.GetProperty("total").GetInt64());
        Assert.Equal("blood_oxygen_saturation", all.GetProperty("items")[0].GetProperty("metric_type").GetString());

        var page = await GetAsync(client, $"{Path}?metric_type=weight&limit=2&offset=1");
        Assert.Equal(4, page.GetProperty("total").GetInt64());
        Assert.Equal([weights[2], weights[1]], Ids(page));

        var range = await GetAsync(client, $"{Path}?metric_type=weight_body_mass&start_date=2023-12-02&end_date=2023-12-03");
        Assert.Equal([weights[2], weights[1]], Ids(range));

        await AssertFieldErrorAsync(await client.GetAsync($"{Path}?metric_type=mood_ring"), "metric_type");
        await AssertFieldErrorAsync(await client.GetAsync($"{Path}?limit=500"), "limit");
    }

    [Fact]
    public async Task Summary_has_statistics_and_trend_per_type()
    {
        var (client, _) = NewUser(factory);
        var today = DateTimeOffset.UtcNow.Date;
        for (var day = 6; day >= 1; day--)
        {
            var at = new DateTimeOffset(today.AddDays(-day).AddHours(7), TimeSpan.Zero).ToString("O");
            await CreateAsync(client, Path, $$"""{"metric_type": "weight", "timestamp": "{{at}}", "values": {"weight": {{80 - day}} } }""");
            await CreateAsync(client, Path, $$"""{"metric_type": "spo2", "timestamp": "{{at}}", "values": {"value": 97} }""");
            await CreateAsync(client, Path, $$"""{"metric_type": "blood_pressure", "timestamp": "{{at}}", "values": {"systolic": {{150 - day}}, "diastolic": {{90 + day}} } }""");
        }
        // Outside the week.
        await CreateAsync(client, Path, """{"metric_type": "weight", "timestamp": "2023-01-01T07:00:00Z", "values": {"weight": 200}}""");

        var report = await GetAsync(client, $"{Path}/summary?period=week");
        var summaries = report.GetProperty("summaries").EnumerateArray().ToDictionary(s => s.GetProperty("metric_type").GetString()!);
        var weight = summaries["weight_body_mass"].GetProperty("statistics");
        Assert.Equal(6, weight.GetProperty("count").GetInt64());
        Assert.Equal(74, weight.GetProperty("min").GetDouble());
        Assert.Equal(79, weight.GetProperty("max").GetDouble());
        Assert.Equal(76.5, weight.GetProperty("avg").GetDouble());
        Assert.Equal(79, weight.GetProperty("last").GetDouble());
        Assert.Equal(1, weight.GetProperty("trend").GetProperty("slope_per_day").GetDouble(), 3);
        Assert.Equal("up", weight.GetProperty("trend").GetProperty("direction").GetString());
        Assert.Equal("stable", summaries["blood_oxygen_saturation"].GetProperty("statistics").GetProperty("trend").GetProperty("direction").GetString());

        var pressure = summaries["blood_pressure"].GetProperty("components");
        Assert.Equal("up", pressure.GetProperty("systolic").GetProperty("trend").GetProperty("direction").GetString());
        Assert.Equal("down", pressure.GetProperty("diastolic").GetProperty("trend").GetProperty("direction").GetString());
        Assert.Equal(149, pressure.GetProperty("systolic").GetProperty("last").GetDouble());

        var year = await GetAsync(client, $"{Path}/summary?metric_type=weight&start_date=2023-01-01");
        Assert.Equal(7, year.GetProperty("summaries")[0].GetProperty("statistics").GetProperty("count").GetInt64());
        Assert.Equal(1, year.GetProperty("summaries").GetArrayLength());

        await AssertFieldErrorAsync(await client.GetAsync($"{Path}/summary?period=decade"), "period");

        var (other, _) = NewUser(factory);
        Assert.Equal(0, (await GetAsync(other, $"{Path}/summary?period=year")).GetProperty("summaries").GetArrayLength());
    }

    [Fact]
    public async Task Latest_is_the_newest_reading_of_each_type()
    {
        var (client, _) = NewUser(factory);
        await CreateAsync(client, Path, """{"metric_type": "weight", "timestamp": "2023-12-01T07:00:00Z", "values": {"weight": 70}}""");
        var newest = await CreateAsync(client, Path, """{"metric_type": "weight", "timestamp": "2023-12-03T07:00:00Z", "values": {"weight": 71}}""");
        await CreateAsync(client, Path, """{"metric_type": "weight", "timestamp": "2023-12-02T07:00:00Z", "values": {"weight": 72}}""");
        await CreateAsync(client, Path, SeedBody);

        var latest = await GetAsync(client, $"{Path}/latest");
        Assert.Equal(newest.GetProperty("id").GetString(), latest.GetProperty("weight_body_mass").GetProperty("id").GetString());
        Assert.Equal(120, latest.GetProperty("blood_pressure").GetProperty("values").GetProperty("systolic").GetDouble());
        Assert.Equal(2, latest.EnumerateObject().Count());
    }

    [Fact]
    public async Task Another_users_readings_are_never_seen()
    {
        var (alice, _) = NewUser(factory);
        var (bob, _) = NewUser(factory);
        await CreateAsync(alice, Path, SeedBody);

        Assert.Equal(0, (await GetAsync(bob, Path)).GetProperty("total").GetInt64());
        Assert.Equal(0, (await GetAsync(bob, $"{Path}?metric_type=blood_pressure")).GetProperty("total").GetInt64());
        Assert.Empty((await GetAsync(bob, $"{Path}/latest")).EnumerateObject());
        Assert.Equal(1, (await GetAsync(alice, Path)).GetProperty("total").GetInt64());
    }
}
