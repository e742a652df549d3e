using System.Net;
using VitaSense.Ingestion.Tests;
using static VitaSense.Ingestion.Tests.Sync.SyncPayloads;
using static VitaSense.Ingestion.Tests.TestData;

namespace VitaSense.Ingestion.Tests.Sync;

/// <summary><c>GET /api/v1/stats</c>, <c>GET /api/v1/metrics</c>, sessions, <c>/ready</c> and Prometheus <c>/metrics</c>.</summary>
public sealed class SyncStatsTests(IngestionFactory factory) : IClassFixture<IngestionFactory>
{
    [Fact]
    public async Task Stats_count_only_the_callers_rows_and_name_the_last_sync_per_key()
    {
        var user = NewId("user");
        var client = ClientFor(factory, user);
        var other = ClientFor(factory, NewId("user"));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/sync", Json(EveryShape()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsync("/api/v1/sync", Json(EveryShape()))).StatusCode);

        var stats = await JsonAsync(await client.GetAsync("/api/v1/stats"));

        var rows = stats.GetProperty("rows_by_type");
        Assert.Equal(2, rows.GetProperty("heart_rate").GetInt64());
        Assert.Equal(2, rows.GetProperty("step_count").GetInt64());
        Assert.Equal(2, rows.GetProperty("workouts").GetInt64());
        Assert.Equal(1, stats.GetProperty("ingestion_rates").GetProperty("payloads_last_hour").GetInt64());
        Assert.Equal(17, stats.GetProperty("ingestion_rates").GetProperty("accepted_last_hour").GetInt64());
        var lastSync = Assert.Single(stats.GetProperty("last_sync_by_key").EnumerateArray());
        Assert.Equal("completed", lastSync.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Metric_types_list_the_catalogue_with_units_and_ranges()
    {
        var catalogue = await JsonAsync(await ClientFor(factory, NewId("user")).GetAsync("/api/v1/metrics"));
        var metrics = catalogue.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);

        Assert.True(metrics.Count >= 110);
        Assert.Equal("kg", metrics["weight_body_mass"].GetProperty("unit").GetString());
        Assert.Equal("heart_rate", metrics["heart_rate"].GetProperty("shape").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/v1/metrics")).StatusCode);
        var alias = await JsonAsync(await ClientFor(factory, NewId("user")).GetAsync("/api/v1/metric-types"));
        Assert.Equal(catalogue.GetRawText(), alias.GetRawText());
    }

    [Fact]
    public async Task A_batch_session_is_recorded_across_its_requests()
    {
        var user = NewId("user");
        var client = ClientFor(factory, user);
        var session = Guid.NewGuid().ToString();
        foreach (var hours in new[] { 5, 6 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sync")
            {
                Content = Json(Metric("step_count", "count", $$"""{"qty": 10, "date": "{{At(hours)}}"}""")),
            };
            request.Headers.Add("session-id", session);
            request.Headers.Add("automation-name", "Hourly export");
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        }

        Assert.Equal(2L, await CountAsync(factory.DatabaseConnectionString,
            "SELECT requests::bigint FROM ingestion.sync_sessions WHERE user_id = @user AND session_id = @session AND automation ->> 'automation-name' = 'Hourly export'",
            ("user", user), ("session", session)));
    }

    [Fact]
    public async Task Ready_and_prometheus_endpoints_answer_without_credentials()
    {
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ClientFor(factory, NewId("user")).PostAsync("/api/v1/sync", Json(EveryShape()))).StatusCode);

        var scrape = await client.GetAsync("/metrics");
        var text = await scrape.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("vitasense_ingestion_entries", text);
    }
}
