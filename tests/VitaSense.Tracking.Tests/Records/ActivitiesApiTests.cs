using System.Net;
using System.Text.Json;
using static VitaSense.Tracking.Tests.Records.RecordsTestClient;

namespace VitaSense.Tracking.Tests.Records;

public sealed class ActivitiesApiTests(TrackingFactory factory) : IClassFixture<TrackingFactory>
{
    private const string Path = "/api/v1/activities";

    private const string SeedBody = """
        {
          "activity_type": "running",
          "start_time": "2023-12-01T10:00:00Z",
          "end_time": "2023-12-01T11:00:00Z",
          "duration_minutes": 60,
          "distance_km": 8.5,
          "calories_burned": 650,
          "heart_rate_data": [{"timestamp": "2023-12-01T10:05:00Z", "bpm": 145}, {"timestamp": "2023-12-01T10:35:00Z", "bpm": 155}],
          "steps": 8500,
          "elevation_gain_m": 120,
          "pace_min_per_km": 7.1,
          "route": {"coordinates": [{"lat": 40.7128, "lng": -74.0060}, {"lat": 40.7129, "lng": -74.0061}]},
          "weather": {"temperature_c": 22, "humidity_percent": 65, "conditions": "sunny"},
          "notes": "Easy run"
        }
        """;

    [Fact]
    public async Task The_seed_body_is_stored_and_read_back()
    {
        var (client, _) = NewUser(factory);
        var response = await client.PostAsync(Path, Json(SeedBody));
        var created = await ReadAsync(response, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();
        Assert.Equal($"{Path}/{id}", response.Headers.Location?.OriginalString);

        var activity = await GetAsync(client, $"{Path}/{id}");
        Assert.Equal("running", activity.GetProperty("activity_type").GetString());
        Assert.Equal(60, activity.GetProperty("duration_minutes").GetDouble());
        Assert.Equal(7.1, activity.GetProperty("pace_min_per_km").GetDouble());
        Assert.Equal(150, activity.GetProperty("average_heart_rate").GetDouble());
        Assert.Equal(8500, activity.GetProperty("steps").GetInt32());
        Assert.Equal(-74.0061, activity.GetProperty("route").GetProperty("coordinates")[1].GetProperty("lng").GetDouble());
        Assert.Equal("sunny", activity.GetProperty("weather").GetProperty("conditions").GetString());
        Assert.Equal(145, activity.GetProperty("heart_rate_data")[0].GetProperty("bpm").GetDouble());
        Assert.Equal("Easy run", activity.GetProperty("notes").GetString());
        Assert.Equal("manual", activity.GetProperty("source").GetString());
        Assert.Equal(DateTimeOffset.Parse("2023-12-01T10:00:00Z"), activity.GetProperty("start_time").GetDateTimeOffset());
    }

    [Fact]
    public async Task Derived_fields_are_computed_when_absent()
    {
        var (client, _) = NewUser(factory);
        var fromEnd = await CreateAsync(client, Path, """
            {"activity_type": "Trail Running", "start_time": "2023-12-01T10:00:00+01:00", "end_time": "2023-12-01T10:45:00+01:00", "distance_km": 9}
            """);
        Assert.Equal("trail_running", fromEnd.GetProperty("activity_type").GetString());
        Assert.Equal(45, fromEnd.GetProperty("duration_minutes").GetDouble());
        Assert.Equal(5, fromEnd.GetProperty("pace_min_per_km").GetDouble());
        // Shown in the offset it was given with.
        Assert.Equal(TimeSpan.FromHours(1), fromEnd.GetProperty("start_time").GetDateTimeOffset().Offset);

        var fromDuration = await CreateAsync(client, Path, """
            {"activity_type": "yoga", "start_time": "2023-12-02T07:00:00Z", "duration_minutes": 30}
            """);
        Assert.Equal(DateTimeOffset.Parse("2023-12-02T07:30:00Z"), fromDuration.GetProperty("end_time").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, fromDuration.GetProperty("pace_min_per_km").ValueKind);

        // Without samples the stated average is kept; with them it is their mean.
        var stated = await CreateAsync(client, Path, """
            {"activity_type": "cycling", "start_time": "2023-12-03T07:00:00Z", "duration_minutes": 60, "average_heart_rate": 148}
            """);
        Assert.Equal(148, stated.GetProperty("average_heart_rate").GetDouble());
        var sampled = await CreateAsync(client, Path, """
            {"activity_type": "cycling", "start_time": "2023-12-04T07:00:00Z", "duration_minutes": 60, "heart_rate_data": [{"bpm": 140}, {"bpm": 150}]}
            """);
        Assert.Equal(145, sampled.GetProperty("average_heart_rate").GetDouble());
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"start_time": "2023-12-01T10:00:00Z", "end_time": "2023-12-01T11:00:00Z"}""", "activity_type" },
        { """{"activity_type": "running", "end_time": "2023-12-01T11:00:00Z"}""", "start_time" },
        { """{"activity_type": "running", "start_time": "yesterday", "end_time": "2023-12-01T11:00:00Z"}""", "start_time" },
        { """{"activity_type": "running", "start_time": "2023-12-01T10:00:00Z"}""", "end_time" },
        { """{"activity_type": "running", "start_time": "2023-12-01T11:00:00Z", "end_time": "2023-12-01T10:00:00Z"}""", "end_time" },
        { """{"activity_type": "running", "start_time": "2023-12-01T10:00:00Z", "end_time": "2023-12-01T11:00:00Z", "duration_minutes": 75}""", "duration_minutes" },
        { """{"activity_type": "running", "start_time": "2023-12-01T10:00:00Z", "duration_minutes": -5}""", "duration_minutes" },
        { """{"activity_type": "hiking", "start_time": "2023-12-01T10:00:00Z", "end_time": "2023-12-10T10:00:00Z"}""", "duration_minutes" },
        { """{"activity_type": "running", "start_time": "2023-12-01T10:00:00Z", "duration_minutes": 60, "distance_km": -1}""", "distance_km" },
        { """{"activity_type": "running", "start_time": "2023-12-01T10:00:00Z", "duration_minutes": 60, "distance_km": "far"}""", "distance_km" },
        { """{"activity_type": "running", "start_time": "2023-12-01T10:00:00Z", "duration_minutes": 60, "distance_km": 150}""", "distance_km" },
        { """{"activity_type": "running", "start_time": "2023-12-01T10:00:00Z", "duration_minutes": 60, "calories_burned": -10}""", "calories_burned" },
        { """{"activity_type": "running", "start_time": "2023-12-01T10:00:00Z", "duration_minutes": 60, "steps": -3}""", "steps" },
        { """{"activity_type": "running", "start_time": "2023-12-01T10:00:00Z", "duration_minutes": 60, "steps": 10.5}""", "steps" },
        { """{"activity_type": "running", "start_time": "2023-12-01T10:00:00Z", "duration_minutes": 60, "elevation_gain_m": -1}""", "elevation_gain_m" },
        { """{"activity_type": "walking", "start_time": "2023-12-01T10:00:00Z", "duration_minutes": 10, "steps": 9000}""", "steps" },
        { """{"activity_type": "rowing", "start_time": "2023-12-01T10:00:00Z", "duration_minutes": 10, "calories_burned": 2000}""", "calories_burned" },
        { """{"activity_type": "running", "start_time": "2023-12-01T10:00:00Z", "duration_minutes": 60, "distance_km": 10, "pace_min_per_km": 4}""", "pace_min_per_km" },
        { """{"activity_type": "running", "start_time": "2023-12-01T10:00:00Z", "duration_minutes": 60, "heart_rate_data": [{"bpm": 140}, {"bpm": 300}]}""", "heart_rate_data[1].bpm" },
        { """{"activity_type": "running", "start_time": "2023-12-01T10:00:00Z", "duration_minutes": 60, "heart_rate_data": [{"bpm": 10}]}""", "heart_rate_data[0].bpm" },
        { """{"activity_type": "running", "start_time": "2023-12-01T10:00:00Z", "duration_minutes": 60, "heart_rate_data": [{"bpm": 140}], "average_heart_rate": 100}""", "average_heart_rate" },
        { """{"activity_type": "running", "start_time": "2023-12-01T10:00:00Z", "duration_minutes": 60, "average_heart_rate": 400}""", "average_heart_rate" },
        { """{"activity_type": "running", "start_time": "2023-12-01T10:00:00Z", "duration_minutes": 60, "route": {"coordinates": [{"lat": 95, "lng": 0}]}}""", "route.coordinates[0].lat" },
        { """{"activity_type": "running", "start_time": "2023-12-01T10:00:00Z", "duration_minutes": 60, "route": {"coordinates": [{"lat": 45, "lng": -190}]}}""", "route.coordinates[0].lng" },
        { """{"activity_type": "running", "start_time": "2023-12-01T10:00:00Z", "duration_minutes": 60, "weather": "sunny"}""", "weather" },
        { """[1, 2]""", "body" },
        { """{"activity_type": """, "body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_bodies_are_400_naming_the_field(string body, string field)
    {
        var (client, _) = NewUser(factory);
        await AssertFieldErrorAsync(await client.PostAsync(Path, Json(body)), field);
        Assert.Equal(0, (await GetAsync(client, Path)).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_fast_bike_ride_is_not_a_fast_run()
    {
        var (client, _) = NewUser(factory);
        await CreateAsync(client, Path, """{"activity_type": "cycling", "start_time": "2023-12-01T10:00:00Z", "duration_minutes": 60, "distance_km": 120}""");
    }

    [Fact]
    public async Task List_filters_pages_and_sorts_newest_first()
    {
        var (client, _) = NewUser(factory);
        var ids = new List<string>();
        for (var day = 1; day <= 5; day++)
        {
            var type = day % 2 == 0 ? "cycling" : "running";
            var created = await CreateAsync(client, Path, $$"""{"activity_type": "{{type}}", "start_time": "2023-12-0{{day}}T10:00:00Z", "duration_minutes": 30}""");
            ids.Add(created.GetProperty("id").GetString()!);
        }

        var all = await GetAsync(client, Path);
        Assert.Equal(5, all.GetProperty("total").GetInt64());
        Assert.Equal(Enumerable.Reverse(ids).ToList(), Ids(all));

        var page = await GetAsync(client, $"{Path}?limit=2&offset=1");
        Assert.Equal(5, page.GetProperty("total").GetInt64());
        Assert.Equal(2, page.GetProperty("limit").GetInt32());
        Assert.Equal(1, page.GetProperty("offset").GetInt32());
        Assert.Equal([ids[3], ids[2]], Ids(page));

        var running = await GetAsync(client, $"{Path}?activity_type=running");
        Assert.Equal([ids[4], ids[2], ids[0]], Ids(running));

        var range = await GetAsync(client, $"{Path}?start_date=2023-12-02&end_date=2023-12-03");
        Assert.Equal([ids[2], ids[1]], Ids(range));

        var instant = await GetAsync(client, $"{Path}?start_date=2023-12-04T10:00:00Z");
        Assert.Equal([ids[4], ids[3]], Ids(instant));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("start_date=tomorrow", "start_date")]
    [InlineData("start_date=2023-12-05&end_date=2023-12-01", "end_date")]
    public async Task Bad_list_queries_are_400_naming_the_parameter(string query, string field)
    {
        var (client, _) = NewUser(factory);
        await AssertFieldErrorAsync(await client.GetAsync($"{Path}?{query}"), field);
    }

    [Fact]
    public async Task Date_filters_are_days_of_the_users_time_zone()
    {
        var (client, _) = NewUser(factory);
        // 20:00 UTC on 1 December is 09:00 on 2 December in Auckland (UTC+13 in summer).
        var created = await CreateAsync(client, Path, """{"activity_type": "swimming", "start_time": "2023-12-01T20:00:00Z", "duration_minutes": 40}""");
        var id = created.GetProperty("id").GetString();

        Assert.Equal([id!], Ids(await GetAsync(client, $"{Path}?start_date=2023-12-01&end_date=2023-12-01")));
        await ReadAsync(await PutAsync(client, "/api/v1/profile", """{"time_zone": "Pacific/Auckland"}"""), HttpStatusCode.OK);
        Assert.Empty(Ids(await GetAsync(client, $"{Path}?start_date=2023-12-01&end_date=2023-12-01")));
        Assert.Equal([id!], Ids(await GetAsync(client, $"{Path}?start_date=2023-12-02&end_date=2023-12-02")));
    }

    [Fact]
    public async Task Put_changes_the_named_fields_and_derives_again()
    {
        var (client, _) = NewUser(factory);
        var id = (await CreateAsync(client, Path, SeedBody)).GetProperty("id").GetString();

        var moved = await ReadAsync(await PutAsync(client, $"{Path}/{id}", """{"end_time": "2023-12-01T11:30:00Z", "notes": null}"""), HttpStatusCode.OK);
        Assert.Equal(90, moved.GetProperty("duration_minutes").GetDouble());
        Assert.Equal(Math.Round(90 / 8.5, 3), moved.GetProperty("pace_min_per_km").GetDouble());
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("notes").ValueKind);
        Assert.Equal(650, moved.GetProperty("calories_burned").GetDouble());

        var shorter = await ReadAsync(await PutAsync(client, $"{Path}/{id}", """{"duration_minutes": 50}"""), HttpStatusCode.OK);
        Assert.Equal(DateTimeOffset.Parse("2023-12-01T10:50:00Z"), shorter.GetProperty("end_time").GetDateTimeOffset());

        await AssertFieldErrorAsync(await PutAsync(client, $"{Path}/{id}", """{"end_time": "2023-12-01T09:00:00Z"}"""), "end_time");
        await AssertFieldErrorAsync(await PutAsync(client, $"{Path}/{id}", """{"distance_km": -2}"""), "distance_km");
        Assert.Equal(50, (await GetAsync(client, $"{Path}/{id}")).GetProperty("duration_minutes").GetDouble());
    }

    [Fact]
    public async Task Delete_removes_the_activity()
    {
        var (client, _) = NewUser(factory);
        var id = (await CreateAsync(client, Path, SeedBody)).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Path}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Path}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"{Path}/{id}")).StatusCode);
    }

    [Fact]
    public async Task Another_users_activity_is_404_and_never_listed()
    {
        var (alice, _) = NewUser(factory);
        var (bob, _) = NewUser(factory);
        var id = (await CreateAsync(alice, Path, SeedBody)).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"{Path}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PutAsync(bob, $"{Path}/{id}", """{"notes": "mine now"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"{Path}/{id}")).StatusCode);
        var bobs = await GetAsync(bob, Path);
        Assert.Equal(0, bobs.GetProperty("total").GetInt64());
        Assert.Empty(Ids(bobs));

        var alices = await GetAsync(alice, $"{Path}/{id}");
        Assert.Equal("Easy run", alices.GetProperty("notes").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"{Path}/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"{Path}/not-a-guid")).StatusCode);
    }
}
