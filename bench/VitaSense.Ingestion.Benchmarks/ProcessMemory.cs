using System.Globalization;

namespace VitaSense.Ingestion.Benchmarks;

/// <summary>
/// Resident memory of a process from <c>/proc/&lt;pid&gt;/status</c>: the kernel's peak (VmHWM), reset before each
/// measurement where the kernel allows it, and VmRSS sampled every 100 ms as a cross-check.
/// </summary>
public sealed class ProcessMemory(int processId)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>The process.</summary>
    public int ProcessId => processId;

    /// <summary>Current resident set, bytes.</summary>
    public long Resident => Read("VmRSS:");

    /// <summary>Peak resident set since start or the last <see cref="TryResetPeak"/>, bytes.</summary>
    public long Peak => Read("VmHWM:");

    /// <summary>Resets VmHWM to the current resident set (writing 5 to clear_refs); false when not permitted.</summary>
    public bool TryResetPeak()
    {
        try
        {
            File.WriteAllText($"/proc/{processId}/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Samples VmRSS until <paramref name="cancellationToken"/> fires; returns the largest sample, bytes.</summary>
    public async Task<long> SampleMaxAsync(CancellationToken cancellationToken)
    {
        var max = Resident;
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                max = Math.Max(max, Resident);
            }
        }
        catch (OperationCanceledException)
        {
        }
        return Math.Max(max, Resident);
    }

    private long Read(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                // "VmRSS:	  123456 kB"
                return long.Parse(line.AsSpan(field.Length).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }
        throw new InvalidOperationException($"/proc/{processId}/status has no {field}");
    }
}
