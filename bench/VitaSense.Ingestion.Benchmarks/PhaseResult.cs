namespace VitaSense.Ingestion.Benchmarks;

/// <summary>One timed phase of the benchmark.</summary>
/// <param name="Name">What was measured.</param>
/// <param name="Points">Entries the phase handled: metric points, workouts, ECGs and other records (what the sync summary counts).</param>
/// <param name="Elapsed">Wall-clock time of the phase.</param>
/// <param name="Cpu">CPU seconds of each process during the phase.</param>
public sealed record PhaseResult(string Name, long Points, TimeSpan Elapsed, CpuUse Cpu)
{
    /// <summary>Points per second.</summary>
    public double PointsPerSecond => Points / Elapsed.TotalSeconds;
}

/// <summary>CPU seconds used during a phase, by process.</summary>
/// <param name="Service">The ingestion service process.</param>
/// <param name="Database">The PostgreSQL server and its backends.</param>
/// <param name="Benchmark">This process (the HTTP client, or the COPY client; the Kafka mock cluster lives here too).</param>
public sealed record CpuUse(double Service, double Database, double Benchmark)
{
    /// <summary>Starts measuring; <see cref="CpuStopwatch.Stop"/> gives the use since.</summary>
    public static CpuStopwatch Start(IngestionService service) => new(service);
}

/// <summary>CPU counters at the start of a phase.</summary>
public sealed class CpuStopwatch
{
    private readonly IngestionService service;
    private readonly double service0;
    private readonly double database0;
    private readonly double benchmark0;

    internal CpuStopwatch(IngestionService service)
    {
        this.service = service;
        service0 = service.ServiceCpu.Seconds();
        database0 = service.DatabaseCpu.Seconds();
        benchmark0 = BenchmarkSeconds();
    }

    /// <summary>CPU used since the start.</summary>
    public CpuUse Stop() => new(service.ServiceCpu.Seconds() - service0, service.DatabaseCpu.Seconds() - database0, BenchmarkSeconds() - benchmark0);

    private static double BenchmarkSeconds() => Environment.CpuUsage.TotalTime.TotalSeconds;
}
