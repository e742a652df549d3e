using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using VitaSense.Ingestion.Infrastructure.RawIngestions;
using VitaSense.Ingestion.Services.Sync;
using static VitaSense.Ingestion.Tests.Sync.SyncPayloads;
using static VitaSense.Ingestion.Tests.TestData;

namespace VitaSense.Ingestion.Tests.Sync;

/// <summary>Body size, bytes per hour and requests per hour, each answered with a clear 413 or 429.</summary>
public sealed class SyncLimitsTests(TinySyncLimitsFactory factory) : IClassFixture<TinySyncLimitsFactory>
{
    [Fact]
    public async Task A_body_declared_larger_than_the_limit_is_413_before_it_is_read()
    {
        var client = ClientFor(factory, NewId("user"));
        var body = new string(' ', TinySyncLimitsFactory.MaxBodyBytes + 1);

        var response = await client.PostAsync("/api/v1/sync", Json(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("exceeds", (await JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_body_that_grows_past_the_limit_while_streaming_is_refused_and_its_raw_bytes_are_kept()
    {
        // A chunked request has no Content-Length to refuse up front; the ingestion counts as it reads.
        var user = NewId("user");
        var points = string.Join(",", Enumerable.Range(0, 2000).Select(i => $$"""{"qty": {{i}}, "date": "{{At(5)}}"}"""));
        var body = Encoding.UTF8.GetBytes(Metric("step_count", "count", points));
        var ingestor = factory.Services.GetRequiredService<HealthExportIngestor>();

        var failure = await Assert.ThrowsAsync<IngestionFailedException>(() => ingestor.IngestAsync(
            new MemoryStream(body), new RawIngestion(user, null, "health_export", null, null, null, "application/json"), CancellationToken.None));

        Assert.IsType<PayloadTooLargeException>(failure.InnerException);
        Assert.Equal("rejected", await ScalarAsync(factory.DatabaseConnectionString, "SELECT status FROM ingestion.raw_ingestions WHERE user_id = @user", user));
        Assert.Equal("0", await ScalarAsync(factory.DatabaseConnectionString, "SELECT count(*)::text FROM ingestion.observations WHERE user_id = @user", user));
        // Everything read up to the limit is in the backup; the read that crossed it is not.
        var kept = long.Parse((await ScalarAsync(factory.DatabaseConnectionString, """
            SELECT sum(c.raw_length)::text FROM ingestion.raw_ingestion_chunks c JOIN ingestion.raw_ingestions r USING (ingestion_id) WHERE r.user_id = @user
            """, user))!);
        Assert.InRange(kept, TinySyncLimitsFactory.MaxBodyBytes - 32 * 1024, TinySyncLimitsFactory.MaxBodyBytes);
    }

    [Fact]
    public async Task Bytes_beyond_the_hourly_budget_are_429_with_retry_after_and_rate_limit_headers()
    {
        var client = ClientFor(factory, NewId("user"));
        var body = Metric("step_count", "count", string.Join(",", Enumerable.Range(0, 90).Select(i => $$"""{"qty": {{i}}, "date": "{{At(5 + i)}}"}""")));
        Assert.True(body.Length * 3 > TinySyncLimitsFactory.BytesPerHour && body.Length * 2 < TinySyncLimitsFactory.BytesPerHour, $"{body.Length}");

        HttpResponseMessage response;
        var sent = 0;
        do
        {
            response = await client.PostAsync("/api/v1/sync", Json(body));
            sent++;
        }
        while (response.StatusCode == HttpStatusCode.OK && sent < 4);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(TinySyncLimitsFactory.BytesPerHour.ToString(), response.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("bytes", response.Headers.GetValues("X-RateLimit-Resource").Single());
    }

    [Fact]
    public async Task Requests_beyond_the_hourly_limit_are_429_with_retry_after()
    {
        var client = ClientFor(factory, NewId("user"));
        HttpResponseMessage? response = null;
        for (var i = 0; i <= TinySyncLimitsFactory.RequestsPerHour; i++)
        {
            response = await client.PostAsync("/api/v1/sync", Json("""{"data": {}}"""));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, response!.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(TinySyncLimitsFactory.RequestsPerHour.ToString(), response.Headers.GetValues("X-RateLimit-Limit").Single());
    }

    private static async Task<string?> ScalarAsync(string connectionString, string sql, string user)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("user", user);
        return (string?)await command.ExecuteScalarAsync();
    }
}
