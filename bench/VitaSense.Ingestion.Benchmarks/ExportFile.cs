using System.Diagnostics;
using VitaSense.Ingestion.Model.HealthExport;

namespace VitaSense.Ingestion.Benchmarks;

/// <summary>A generated Health Auto Export payload in a temp file, written before anything is timed.</summary>
/// <param name="Path">The file.</param>
/// <param name="Options">What the generator was asked for.</param>
/// <param name="Summary">What it wrote.</param>
public sealed record ExportFile(string Path, HealthExportGeneratorOptions Options, GeneratedPayloadSummary Summary)
{
    // Long enough for the daily metrics, workouts and the monthly trips abroad to average out.
    private const int CalibrationDays = 30;

    /// <summary>Bytes of the file.</summary>
    public long Bytes => Summary.Bytes;

    /// <summary>
    /// Writes an export of <paramref name="days"/> days ending three days ago, or, without days, of as many days as
    /// make about <paramref name="sizeMegabytes"/> MB (a day's size measured on a short export first).
    /// </summary>
    public static async Task<ExportFile> CreateAsync(double sizeMegabytes, int? days, CancellationToken cancellationToken, bool quiet = false)
    {
        if (days is null)
        {
            var sample = await HealthExportPayloadGenerator.WriteAsync(Stream.Null, OptionsFor(CalibrationDays), cancellationToken);
            days = Math.Max(1, (int)Math.Round(sizeMegabytes * 1_000_000 / ((double)sample.Bytes / CalibrationDays)));
        }

        var options = OptionsFor(days.Value);
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"vitasense-export-{days}d-{Guid.NewGuid():N}.json");
        var started = Stopwatch.GetTimestamp();
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            var summary = await HealthExportPayloadGenerator.WriteAsync(file, options, cancellationToken);
            if (!quiet)
            {
                Console.WriteLine($"Generated {path}: {summary.Bytes / 1e6:F1} MB, {days} days from {options.StartDate:yyyy-MM-dd}, "
                    + $"{summary.TotalPoints:N0} metric points, {summary.Workouts:N0} workouts, {summary.TotalRecords:N0} other entries "
                    + $"({Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s, not measured)");
            }
            return new ExportFile(path, options, summary);
        }
    }

    /// <summary>A file stream for reading the export from its start.</summary>
    public FileStream OpenRead() =>
        new(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);

    // Minute-level heart rate and every daily metric, ending a few days ago so nothing is in the future and every
    // month has its partition.
    private static HealthExportGeneratorOptions OptionsFor(int days) => new()
    {
        Days = days,
        HeartRatePointsPerDay = 1440,
        StartDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-days - 3),
    };
}
