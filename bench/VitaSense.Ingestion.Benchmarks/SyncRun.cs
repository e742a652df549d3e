using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using VitaSense.Ingestion.Infrastructure.Observations;
using VitaSense.Ingestion.Model.Sync;
using VitaSense.ServiceDefaults.Outbox;

namespace VitaSense.Ingestion.Benchmarks;

/// <summary>One <c>POST /api/v1/sync</c> of the export file, timed from sending the request to the summary's arrival.</summary>
/// <param name="Phase">Time, points and CPU.</param>
/// <param name="Summary">What the service answered.</param>
/// <param name="PeakResidentBytes">The service's peak resident memory during the request (VmHWM, reset just before).</param>
/// <param name="SampledResidentBytes">The largest VmRSS sampled every 100 ms during the request.</param>
/// <param name="PeakIsSinceStart">True when the kernel refused the reset, so the peak includes start-up.</param>
/// <param name="Database">What the database was doing for the service meanwhile.</param>
public sealed record SyncRun(PhaseResult Phase, IngestionSummary Summary, long PeakResidentBytes, long SampledResidentBytes, bool PeakIsSinceStart,
    DatabaseActivity Database)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // The summary's per-type dictionary has no setter.
        PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate,
    };

    /// <summary>Sends <paramref name="export"/> for <paramref name="userId"/>; throws when the answer is not 200 or 207.</summary>
    public static async Task<SyncRun> SendAsync(string name, IngestionService service, ExportFile export, string userId, CancellationToken cancellationToken)
    {
        await using var file = export.OpenRead();
        using var content = new StreamContent(file, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentLength = file.Length;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sync") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", service.TokenFor(userId));

        var peakIsSinceStart = !service.Memory.TryResetPeak();
        using var sampling = new CancellationTokenSource();
        var sampler = service.Memory.SampleMaxAsync(sampling.Token);
        var profile = DatabaseActivity.SampleAsync(service.ConnectionString, sampling.Token);
        var cpu = CpuUse.Start(service);
        var started = Stopwatch.GetTimestamp();
        IngestionSummary summary;
        using (var response = await service.Client.SendAsync(request, cancellationToken))
        {
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.MultiStatus))
            {
                throw new InvalidOperationException($"{name}: HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
            summary = await response.Content.ReadFromJsonAsync<IngestionSummary>(Json, cancellationToken)
                ?? throw new InvalidOperationException($"{name}: empty answer");
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpuUse = cpu.Stop();
        await sampling.CancelAsync();
        var sampled = await sampler;
        var database = await profile;

        var points = summary.Totals.Accepted + summary.Totals.Duplicates;
        return new SyncRun(new PhaseResult(name, points, elapsed, cpuUse), summary, service.Memory.Peak, sampled, peakIsSinceStart, database);
    }

    /// <summary>
    /// Waits until the outbox relay has published every event of the last sync, so the next measurement does not share
    /// the machine with it; returns how long that took.
    /// </summary>
    public static async Task<TimeSpan> WaitForOutboxAsync(IngestionService service, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = new NpgsqlConnection(service.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {OutboxTable.QualifiedName(Extensions.Extensions.Schema)}", connection);
        while ((long)(await count.ExecuteScalarAsync(cancellationToken))! > 0)
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException("The outbox did not drain within 10 minutes.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Rows of <paramref name="userId"/> over every observation table: what "nothing added" is checked on.</summary>
    public static async Task<long> CountRowsAsync(IngestionService service, string userId, CancellationToken cancellationToken)
    {
        var counts = ObservationTables.All.Select(t =>
            $"SELECT count(*) AS n FROM ingestion.{t.Table} JOIN ingestion.streams s USING (stream_id) WHERE s.user_id = $1");
        await using var connection = new NpgsqlConnection(service.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT sum(n)::bigint FROM ({string.Join(" UNION ALL ", counts)}) c", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
