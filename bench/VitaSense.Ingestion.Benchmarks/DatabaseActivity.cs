using Npgsql;

namespace VitaSense.Ingestion.Benchmarks;

/// <summary>
/// A sampling profile of what the database is doing for the service: every 50 ms, what each of the service's sessions
/// is running (from <c>pg_stat_activity</c>), grouped into the steps of an ingestion. Says where a sync's time goes
/// without touching the service.
/// </summary>
public sealed class DatabaseActivity
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private const string Query = """
        SELECT state, coalesce(wait_event_type, ''), query FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle'
        """;

    private readonly Dictionary<string, int> samples = new(StringComparer.Ordinal);

    /// <summary>Sampling ticks taken.</summary>
    public int Ticks { get; private set; }

    /// <summary>Ticks on which no service session was running anything.</summary>
    public int IdleTicks { get; private set; }

    /// <summary>Ticks per step (a tick counts once for every session in that step).</summary>
    public IReadOnlyDictionary<string, int> Samples => samples;

    /// <summary>Samples until <paramref name="cancellationToken"/> fires.</summary>
    public static async Task<DatabaseActivity> SampleAsync(string connectionString, CancellationToken cancellationToken)
    {
        var activity = new DatabaseActivity();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(Query, connection);
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                activity.Ticks++;
                var busy = false;
                await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    busy = true;
                    var step = Step(reader.GetString(0), reader.GetString(1), reader.GetString(2));
                    activity.samples[step] = activity.samples.GetValueOrDefault(step) + 1;
                }
                activity.IdleTicks += busy ? 0 : 1;
            }
        }
        catch (OperationCanceledException)
        {
        }
        return activity;
    }

    /// <summary>"step 62%, step 20%, ..., no statement 5%" in share of ticks.</summary>
    public string Describe() => Ticks == 0
        ? "no samples"
        : string.Join(", ", samples.OrderByDescending(s => s.Value).Append(new("no statement running", IdleTicks))
            .Select(s => $"{s.Key} {100.0 * s.Value / Ticks:F0}%"));

    private static string Step(string state, string waitType, string query)
    {
        var step = query switch
        {
            _ when query.StartsWith("COPY pg_temp.stage_", StringComparison.Ordinal) => "COPY into staging",
            _ when query.StartsWith("COPY ingestion.outbox", StringComparison.Ordinal) => "events into the outbox",
            _ when query.StartsWith("SELECT t.stream_id, t.observed_at", StringComparison.Ordinal) => "stored keys",
            _ when query.Contains("raw_ingestion_chunks", StringComparison.Ordinal) => "raw backup",
            _ when query.Contains("ingestion.streams", StringComparison.Ordinal) => "stream ids",
            _ when query.Contains("outbox", StringComparison.Ordinal) => "outbox relay",
            _ => string.Join(' ', query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(4)),
        };
        // A session idle in its transaction shows its last statement: which step the service is between tells whether
        // the writer or the outbox relay (waiting for Kafka) is keeping the database waiting.
        if (state.StartsWith("idle in transaction", StringComparison.Ordinal))
        {
            return $"open transaction after {step}, waiting for the service";
        }
        // A COPY waiting on the client is waiting for the service to send rows, not working.
        return waitType == "Client" ? $"{step} (waiting for the service)" : step;
    }
}
