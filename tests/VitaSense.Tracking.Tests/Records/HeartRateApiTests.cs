using System.Net;
using System.Text.Json;
using static VitaSense.Tracking.Tests.Records.RecordsTestClient;

namespace VitaSense.Tracking.Tests.Records;

public sealed class HeartRateApiTests(TrackingFactory factory) : IClassFixture<TrackingFactory>
{
    private const string Path = "/api/v1/heart-rate";

    [Fact]
    public async Task The_seed_sample_is_stored_and_listed()
    {
        var (client, _) = NewUser(factory);
        var created = await CreateAsync(client, Path, """
            {"timestamp": "2023-12-01T10:00:00Z", "bpm": 72, "hrv_ms": 45, "context": "resting", "device_id": "hr_monitor_001"}
            """);
        Assert.Equal(72, created.GetProperty("bpm").GetDouble());
        var listed = (await GetAsync(client, Path)).GetProperty("items")[0];
        Assert.Equal(created.GetProperty("id").GetString(), listed.GetProperty("id").GetString());
        Assert.Equal(45, listed.GetProperty("hrv_ms").GetDouble());
        Assert.Equal("resting", listed.GetProperty("context").GetString());
        Assert.Equal("hr_monitor_001", listed.GetProperty("device_id").GetString());
        Assert.Equal("manual", listed.GetProperty("source").GetString());
    }

    [Theory]
    [InlineData("""{"timestamp": "2023-12-01T10:00:00Z", "bpm": 300}""", "bpm")]
    [InlineData("""{"timestamp": "2023-12-01T10:00:00Z", "bpm": 10}""", "bpm")]
    [InlineData("""{"timestamp": "2023-12-01T10:00:00Z"}""", "bpm")]
    [InlineData("""{"timestamp": "2023-12-01T10:00:00Z", "bpm": "fast"}""", "bpm")]
    [InlineData("""{"bpm": 70}""", "timestamp")]
    [InlineData("""{"timestamp": "noon", "bpm": 70}""", "timestamp")]
    [InlineData("""{"timestamp": "2023-12-01T10:00:00Z", "bpm": 70, "hrv_ms": -4}""", "hrv_ms")]
    [InlineData("""{"timestamp": "2023-12-01T10:00:00Z", "bpm": 70, "hrv_ms": 5000}""", "hrv_ms")]
    public async Task Bad_samples_are_400_naming_the_field(string body, string field)
    {
        var (client, _) = NewUser(factory);
        await AssertFieldErrorAsync(await client.PostAsync(Path, Json(body)), field);
        Assert.Equal(0, (await GetAsync(client, Path)).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task List_is_ranged_paged_and_the_callers_own()
    {
        var (alice, _) = NewUser(factory);
        var (bob, _) = NewUser(factory);
        for (var minute = 0; minute < 5; minute++)
        {
            await CreateAsync(alice, Path, $$"""{"timestamp": "2023-12-01T10:0{{minute}}:00Z", "bpm": {{70 + minute}} }""");
        }
        var page = await GetAsync(alice, $"{Path}?limit=2&offset=1");
        Assert.Equal(5, page.GetProperty("total").GetInt64());
        Assert.Equal([73.0, 72.0], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("bpm").GetDouble()));

        var range = await GetAsync(alice, $"{Path}?start_date=2023-12-01T10:01:00Z&end_date=2023-12-01T10:03:00Z");
        Assert.Equal([73.0, 72.0, 71.0], range.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("bpm").GetDouble()));

        Assert.Equal(0, (await GetAsync(bob, Path)).GetProperty("total").GetInt64());
        await AssertFieldErrorAsync(await alice.GetAsync($"{Path}?limit=0"), "limit");
    }

    [Fact]
    public async Task Zones_follow_Karvonen_and_count_time_until_the_next_sample_capped_at_five_minutes()
    {
        var (client, _) = NewUser(factory);
        await ReadAsync(await PutAsync(client, "/api/v1/profile", """{"resting_heart_rate": 60, "max_heart_rate": 160}"""), HttpStatusCode.OK);
        // Reserve 100: zone bounds 110, 120, 130, 140, 150, 160.
        (int Minute, int Bpm)[] samples = [(0, 115), (1, 125), (2, 135), (3, 145), (4, 155), (5, 165), (6, 100), (20, 100)];
        foreach (var (minute, bpm) in samples)
        {
            var at = DateTimeOffset.Parse("2023-12-01T10:00:00Z").AddMinutes(minute).ToString("O");
            await CreateAsync(client, Path, $$"""{"timestamp": "{{at}}", "bpm": {{bpm}} }""");
        }

        var report = await GetAsync(client, $"{Path}/zones?start_date=2023-12-01T10:00:00Z&end_date=2023-12-01T10:30:00Z");
        Assert.Equal("karvonen", report.GetProperty("method").GetString());
        Assert.Equal("profile", report.GetProperty("resting_heart_rate_source").GetString());
        Assert.Equal(100, report.GetProperty("heart_rate_reserve").GetDouble());
        var zones = report.GetProperty("zones").EnumerateArray().ToList();
        Assert.Equal(5, zones.Count);
        Assert.Equal([110.0, 120, 130, 140, 150], zones.Select(z => z.GetProperty("min_bpm").GetDouble()));
        Assert.Equal([1.0, 1, 1, 1, 2], zones.Select(z => z.GetProperty("minutes").GetDouble()));
        Assert.Equal(10, report.GetProperty("below_zones_minutes").GetDouble());
        Assert.Equal(16, report.GetProperty("total_minutes").GetDouble());
        Assert.Equal(8, report.GetProperty("samples").GetInt64());

        // Another user sees none of it.
        var (other, _) = NewUser(factory);
        var empty = await GetAsync(other, $"{Path}/zones?start_date=2023-12-01T10:00:00Z&end_date=2023-12-01T10:30:00Z");
        Assert.Equal(0, empty.GetProperty("samples").GetInt64());
    }

    [Fact]
    public async Task Zone_inputs_fall_back_to_measured_resting_age_and_defaults()
    {
        var (client, _) = NewUser(factory);
        var defaults = await GetAsync(client, $"{Path}/zones");
        Assert.Equal(60, defaults.GetProperty("resting_heart_rate").GetDouble());
        Assert.Equal("default", defaults.GetProperty("resting_heart_rate_source").GetString());
        Assert.Equal(190, defaults.GetProperty("max_heart_rate").GetDouble());
        Assert.Equal("default", defaults.GetProperty("max_heart_rate_source").GetString());
        Assert.NotEmpty(defaults.GetProperty("notes").EnumerateArray());

        var birth = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-40).AddDays(-1).ToString("yyyy-MM-dd");
        await ReadAsync(await PutAsync(client, "/api/v1/profile", $$"""{"birth_date": "{{birth}}"}"""), HttpStatusCode.OK);
        // Twenty samples over the last days, 50 to 69 bpm: the 5th percentile is 50.95.
        for (var i = 0; i < 20; i++)
        {
            var at = DateTimeOffset.UtcNow.AddHours(-i - 1).ToString("O");
            await CreateAsync(client, Path, $$"""{"timestamp": "{{at}}", "bpm": {{50 + i}} }""");
        }
        var measured = await GetAsync(client, $"{Path}/zones");
        Assert.Equal("measured", measured.GetProperty("resting_heart_rate_source").GetString());
        Assert.Equal(51, measured.GetProperty("resting_heart_rate").GetDouble(), 0);
        Assert.Equal("age", measured.GetProperty("max_heart_rate_source").GetString());
        Assert.Equal(180, measured.GetProperty("max_heart_rate").GetDouble());
        Assert.Equal(20, measured.GetProperty("samples").GetInt64());

        await AssertFieldErrorAsync(await client.GetAsync($"{Path}/zones?start_date=soon"), "start_date");
    }
}
