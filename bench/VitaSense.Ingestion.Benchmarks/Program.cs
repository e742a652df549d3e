using System.Diagnostics;
using Npgsql;
using VitaSense.Ingestion.Benchmarks;

// Measures POST /api/v1/sync of a generated export against the targets of issue 3 (section 5). Exit code 0 whether
// the targets are met or not (it is a measurement); 1 when the run itself failed, 2 on a bad command line.
BenchmarkOptions options;
try
{
    if (args is ["--help"] or ["-h"])
    {
        Console.WriteLine(BenchmarkOptions.Usage);
        return 0;
    }
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
var cancellationToken = cancellation.Token;

// Enough of every entry kind for each code path of a sync to run and be compiled: two weeks have workouts of both
// formats, trips abroad and every metric.
const int WarmUpDays = 14;

#if DEBUG
Console.WriteLine("warning: a Debug build; run with -c Release for figures worth comparing.");
#endif
Console.WriteLine($"{Environment.ProcessorCount} cores, load average {Report.LoadAverage()} at the start");
foreach (var (name, value) in options.ServiceEnvironment)
{
    Console.WriteLine($"service environment: {name}={value} (an experiment: not the service as configured)");
}

ExportFile? export = null;
try
{
    export = await ExportFile.CreateAsync(options.SizeMegabytes, options.Days, cancellationToken);

    var starting = Stopwatch.GetTimestamp();
    await using var service = await IngestionService.StartAsync(export.Bytes, options.ServiceEnvironment, cancellationToken);
    Console.WriteLine($"Ingestion service up (pid {service.Memory.ProcessId}, {service.Memory.Resident / 1048576.0:N0} MB resident) "
        + $"with PostgreSQL, Redis and the Kafka mock cluster in {Stopwatch.GetElapsedTime(starting).TotalSeconds:F1} s");

    var run = Guid.NewGuid().ToString("N")[..8];
    if (!options.Cold)
    {
        // As a long-running service is: its code compiled by earlier requests. A freshly started service compiles every
        // method of the path on first use (about a CPU second, its tiered compilation being off); --cold measures that.
        await WarmUpAsync(service, $"bench-warm-up-{run}", cancellationToken);
    }

    // The baseline first, on the emptier tables: the comparison errs in COPY's favour, never the service's.
    Console.WriteLine("Parsing the export in this process for the bare COPY (not timed), then copying...");
    var copy = await CopyBaseline.RunAsync(service, export, $"bench-copy-{run}", cancellationToken);
    Console.WriteLine($"  bare COPY: {copy.Rows:N0} rows in {copy.Phase.Elapsed.TotalSeconds:F2} s");

    var user = $"bench-sync-{run}";
    await CheckpointAsync(service, cancellationToken);
    Console.WriteLine("First sync...");
    var first = await SyncRun.SendAsync("first sync", service, export, user, cancellationToken);
    Console.WriteLine($"  {first.Summary.Totals.Accepted:N0} accepted in {first.Phase.Elapsed.TotalSeconds:F2} s");

    var drained = await SyncRun.WaitForOutboxAsync(service, cancellationToken);
    Console.WriteLine($"  outbox drained to Kafka {drained.TotalSeconds:F1} s after the answer");
    await CheckpointAsync(service, cancellationToken);
    var before = await SyncRun.CountRowsAsync(service, user, cancellationToken);
    Console.WriteLine("Re-send of the same export...");
    var resend = await SyncRun.SendAsync("re-send (duplicates)", service, export, user, cancellationToken);
    var after = await SyncRun.CountRowsAsync(service, user, cancellationToken);
    Console.WriteLine($"  {resend.Summary.Totals.Duplicates:N0} duplicates in {resend.Phase.Elapsed.TotalSeconds:F2} s");

    new Report(export, copy, first, resend, before, after).Print(Console.Out);
    return 0;
}
catch (Exception ex)
{
    Console.Error.WriteLine(cancellationToken.IsCancellationRequested ? "benchmark cancelled" : $"benchmark failed: {ex}");
    return 1;
}
finally
{
    if (export is not null && !options.Keep)
    {
        File.Delete(export.Path);
    }
    else if (export is not null)
    {
        Console.WriteLine($"Kept {export.Path}");
    }
}

static async Task WarmUpAsync(IngestionService service, string user, CancellationToken cancellationToken)
{
    var warmUp = await ExportFile.CreateAsync(0, WarmUpDays, cancellationToken, quiet: true);
    try
    {
        var sync = await SyncRun.SendAsync("warm-up", service, warmUp, user, cancellationToken);
        await SyncRun.WaitForOutboxAsync(service, cancellationToken);
        Console.WriteLine($"Warm-up: a {WarmUpDays}-day export ({warmUp.Bytes / 1e6:F1} MB) for another user in {sync.Phase.Elapsed.TotalSeconds:F2} s (not measured)");
    }
    finally
    {
        File.Delete(warmUp.Path);
    }
}

static async Task CheckpointAsync(IngestionService service, CancellationToken cancellationToken)
{
    await using var connection = new NpgsqlConnection(service.ConnectionString);
    await connection.OpenAsync(cancellationToken);
    await CopyBaseline.CheckpointAsync(connection, cancellationToken);
}
