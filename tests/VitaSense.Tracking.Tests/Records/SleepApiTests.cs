using System.Net;
using static VitaSense.Tracking.Tests.Records.RecordsTestClient;

namespace VitaSense.Tracking.Tests.Records;

public sealed class SleepApiTests(TrackingFactory factory) : IClassFixture<TrackingFactory>
{
    private const string Path = "/api/v1/sleep";

    private const string SeedBody = """
        {
          "start_time": "2023-12-01T23:00:00Z",
          "end_time": "2023-12-02T07:00:00Z",
          "duration_hours": 8,
          "sleep_stages": {"light_sleep_hours": 4.5, "deep_sleep_hours": 2.0, "rem_sleep_hours": 1.5},
          "sleep_score": 85,
          "sleep_efficiency": 92,
          "device_id": "sleep_tracker_001"
        }
        """;

    [Fact]
    public async Task The_seed_session_is_stored_and_listed()
    {
        var (client, _) = NewUser(factory);
        var created = await CreateAsync(client, Path, SeedBody);
        var listed = (await GetAsync(client, Path)).GetProperty("items")[0];
        Assert.Equal(created.GetProperty("id").GetString(), listed.GetProperty("id").GetString());
        Assert.Equal(8, listed.GetProperty("duration_hours").GetDouble());
        Assert.Equal(2.0, listed.GetProperty("sleep_stages").GetProperty("deep_sleep_hours").GetDouble());
        Assert.Equal(85, listed.GetProperty("sleep_score").GetInt32());
        Assert.Equal(92, listed.GetProperty("sleep_efficiency").GetDouble());
        Assert.Equal("sleep_tracker_001", listed.GetProperty("device_id").GetString());
        Assert.Equal("manual", listed.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Duration_comes_from_start_and_end_when_absent()
    {
        var (client, _) = NewUser(factory);
        var created = await CreateAsync(client, Path, """{"start_time": "2023-12-01T22:30:00Z", "end_time": "2023-12-02T06:00:00Z"}""");
        Assert.Equal(7.5, created.GetProperty("duration_hours").GetDouble());
        // Less than the span is time asleep rather than in bed: accepted, awake time besides.
        await CreateAsync(client, Path, """
            {"start_time": "2023-12-02T22:30:00Z", "end_time": "2023-12-03T06:00:00Z", "duration_hours": 7,
             "sleep_stages": {"light_sleep_hours": 4, "deep_sleep_hours": 1.5, "rem_sleep_hours": 1.5, "awake_hours": 0.5}}
            """);
    }

    [Theory]
    [InlineData("""{"start_time": "2023-12-02T07:00:00Z", "end_time": "2023-12-01T23:00:00Z"}""", "end_time")]
    [InlineData("""{"start_time": "2023-12-01T23:00:00Z"}""", "end_time")]
    [InlineData("""{"end_time": "2023-12-01T23:00:00Z"}""", "start_time")]
    [InlineData("""{"start_time": "2023-12-01T00:00:00Z", "end_time": "2023-12-03T00:00:00Z"}""", "end_time")]
    [InlineData("""{"start_time": "2023-12-01T23:00:00Z", "end_time": "2023-12-02T07:00:00Z", "duration_hours": 9}""", "duration_hours")]
    [InlineData("""{"start_time": "2023-12-01T23:00:00Z", "end_time": "2023-12-02T07:00:00Z", "sleep_stages": {"light_sleep_hours": 5, "deep_sleep_hours": 3, "rem_sleep_hours": 2}}""", "sleep_stages")]
    [InlineData("""{"start_time": "2023-12-01T23:00:00Z", "end_time": "2023-12-02T07:00:00Z", "duration_hours": 6, "sleep_stages": {"light_sleep_hours": 4, "deep_sleep_hours": 2, "rem_sleep_hours": 1}}""", "sleep_stages")]
    [InlineData("""{"start_time": "2023-12-01T23:00:00Z", "end_time": "2023-12-02T07:00:00Z", "sleep_stages": {"deep_sleep_hours": -1}}""", "sleep_stages.deep_sleep_hours")]
    [InlineData("""{"start_time": "2023-12-01T23:00:00Z", "end_time": "2023-12-02T07:00:00Z", "sleep_score": 120}""", "sleep_score")]
    [InlineData("""{"start_time": "2023-12-01T23:00:00Z", "end_time": "2023-12-02T07:00:00Z", "sleep_efficiency": 150}""", "sleep_efficiency")]
    public async Task Bad_sessions_are_400_naming_the_field(string body, string field)
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
        var ids = new List<string>();
        for (var night = 1; night <= 4; night++)
        {
            ids.Add((await CreateAsync(alice, Path, $$"""{"start_time": "2023-12-0{{night}}T22:00:00Z", "end_time": "2023-12-0{{night + 1}}T06:00:00Z"}""")).GetProperty("id").GetString()!);
        }
        var page = await GetAsync(alice, $"{Path}?limit=2&offset=1");
        Assert.Equal(4, page.GetProperty("total").GetInt64());
        Assert.Equal([ids[2], ids[1]], Ids(page));
        Assert.Equal([ids[2], ids[1]], Ids(await GetAsync(alice, $"{Path}?start_date=2023-12-02&end_date=2023-12-03")));

        Assert.Equal(0, (await GetAsync(bob, Path)).GetProperty("total").GetInt64());
        await AssertFieldErrorAsync(await alice.GetAsync($"{Path}?offset=x"), "offset");
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync(Path)).StatusCode);
    }
}
