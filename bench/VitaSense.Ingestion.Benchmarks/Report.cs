using System.Globalization;
using System.Text.Json;

namespace VitaSense.Ingestion.Benchmarks;

/// <summary>The figures of one run against <see cref="Targets"/>: a table for people and one JSON line for scripts.</summary>
public sealed class Report(ExportFile export, CopyBaseline copy, SyncRun first, SyncRun resend, long rowsBeforeResend, long rowsAfterResend)
{
    private const double Megabyte = 1024 * 1024;

    /// <summary>Prefix of the machine-readable line.</summary>
    public const string SummaryPrefix = "INGESTION_BENCHMARK ";

    private double PeakMegabytes => Math.Max(Math.Max(first.PeakResidentBytes, first.SampledResidentBytes),
        Math.Max(resend.PeakResidentBytes, resend.SampledResidentBytes)) / Megabyte;

    private double CopyRatio => first.Phase.PointsPerSecond / copy.Phase.PointsPerSecond;

    private bool AllDuplicates => resend.Summary.Totals.Accepted == 0
        && resend.Summary.Totals.Duplicates == first.Summary.Totals.Accepted + first.Summary.Totals.Duplicates
        && rowsAfterResend == rowsBeforeResend;

    private IReadOnlyList<(string Name, string Target, string Measured, bool Pass)> Checks =>
    [
        ("first sync rate", $">= {Targets.PointsPerSecond:N0} points/s", $"{first.Phase.PointsPerSecond:N0} points/s", first.Phase.PointsPerSecond >= Targets.PointsPerSecond),
        ("service peak memory", $"< {Targets.PeakMegabytes:N0} MB", $"{PeakMegabytes:N0} MB", PeakMegabytes < Targets.PeakMegabytes),
        ("sync / bare COPY rate", $">= {Targets.CopyRatio:0.00}", $"{CopyRatio:0.00}", CopyRatio >= Targets.CopyRatio),
        ("re-send: all duplicates", "accepted 0, nothing added",
            $"accepted {resend.Summary.Totals.Accepted:N0}, duplicates {resend.Summary.Totals.Duplicates:N0}, rows +{rowsAfterResend - rowsBeforeResend:N0}", AllDuplicates),
        ("re-send rate", $">= first ({first.Phase.PointsPerSecond:N0})", $"{resend.Phase.PointsPerSecond:N0} points/s", resend.Phase.PointsPerSecond >= first.Phase.PointsPerSecond),
    ];

    /// <summary>Prints the phases, the targets with PASS/FAIL, and the summary line.</summary>
    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Export: {export.Bytes / 1e6:F1} MB, {export.Options.Days} days, {first.Phase.Points:N0} points "
            + $"({copy.Rows:N0} table rows with workout samples and route points)");
        output.WriteLine($"Machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} (at the end)");
        output.WriteLine();
        output.WriteLine($"{"phase",-22} {"seconds",8} {"points/s",12} {"server ms",10} {"CPU s: service",15} {"postgres",9} {"bench",7}");
        Phase(output, copy.Phase, null);
        Phase(output, first.Phase, first.Summary.ElapsedMilliseconds);
        Phase(output, resend.Phase, resend.Summary.ElapsedMilliseconds);
        output.WriteLine($"bare COPY: {copy.RowsPerSecond:N0} rows/s; " + string.Join(", ", copy.RowsByTable.Select(t => $"{t.Key} {t.Value:N0}")));
        output.WriteLine($"first sync: accepted {first.Summary.Totals.Accepted:N0}, duplicates {first.Summary.Totals.Duplicates:N0}, "
            + $"rejected {first.Summary.Totals.Rejected:N0}, status {first.Summary.Status}");
        output.WriteLine($"service memory: peak RSS {first.PeakResidentBytes / Megabyte:N0} MB first sync, {resend.PeakResidentBytes / Megabyte:N0} MB re-send"
            + (first.PeakIsSinceStart ? " (VmHWM since start: reset refused)" : " (VmHWM reset before each)")
            + $"; largest 100 ms VmRSS sample {Math.Max(first.SampledResidentBytes, resend.SampledResidentBytes) / Megabyte:N0} MB");
        output.WriteLine($"database, first sync (share of 50 ms samples): {first.Database.Describe()}");
        output.WriteLine($"database, re-send: {resend.Database.Describe()}");
        output.WriteLine();

        output.WriteLine($"{"target",-25} {"wanted",-28} {"measured",-52} result");
        foreach (var (name, target, measured, pass) in Checks)
        {
            output.WriteLine($"{name,-25} {target,-28} {measured,-52} {(pass ? "PASS" : "FAIL")}");
        }
        output.WriteLine();
        output.WriteLine(SummaryPrefix + JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["export_mb"] = Math.Round(export.Bytes / 1e6, 1),
            ["points"] = first.Phase.Points,
            ["sync_points_per_s"] = Math.Round(first.Phase.PointsPerSecond),
            ["sync_s"] = Math.Round(first.Phase.Elapsed.TotalSeconds, 2),
            ["peak_mb"] = Math.Round(PeakMegabytes),
            ["copy_points_per_s"] = Math.Round(copy.Phase.PointsPerSecond),
            ["copy_s"] = Math.Round(copy.Phase.Elapsed.TotalSeconds, 2),
            ["sync_to_copy"] = Math.Round(CopyRatio, 3),
            ["resend_points_per_s"] = Math.Round(resend.Phase.PointsPerSecond),
            ["resend_all_duplicates"] = AllDuplicates,
            ["passed"] = Checks.Count(c => c.Pass),
            ["targets"] = Checks.Count,
        }));
    }

    private static void Phase(TextWriter output, PhaseResult phase, long? serverMilliseconds) =>
        output.WriteLine($"{phase.Name,-22} {phase.Elapsed.TotalSeconds,8:F2} {phase.PointsPerSecond,12:N0} {serverMilliseconds?.ToString("N0", CultureInfo.InvariantCulture) ?? "-",10} "
            + $"{phase.Cpu.Service,15:F1} {phase.Cpu.Database,9:F1} {phase.Cpu.Benchmark,7:F1}");

    /// <summary>The 1, 5 and 15 minute load averages: how busy the machine was.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
