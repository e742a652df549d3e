using System.Globalization;

namespace VitaSense.Ingestion.Benchmarks;

/// <summary>
/// CPU time (user + system) a process and all its descendants have used, from <c>/proc/*/stat</c>: the PostgreSQL
/// server's backends are children of its postmaster, so this splits a phase's CPU between the service and the database.
/// </summary>
public sealed class ProcessTreeCpu(int rootProcessId)
{
    // USER_HZ: 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)).
    private const double TicksPerSecond = 100;

    /// <summary>CPU seconds used so far, including children that already exited.</summary>
    public double Seconds()
    {
        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && TryRead(pid) is { } stat)
            {
                stats[pid] = stat;
            }
        }

        var children = stats.ToLookup(s => s.Value.Parent, s => s.Key);
        var total = 0L;
        var pending = new Stack<int>([rootProcessId]);
        while (pending.TryPop(out var pid))
        {
            if (stats.TryGetValue(pid, out var stat))
            {
                total += stat.Ticks;
                foreach (var child in children[pid])
                {
                    pending.Push(child);
                }
            }
        }
        return total / TicksPerSecond;
    }

    private static (int Parent, long Ticks)? TryRead(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // exited meanwhile
        }

        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so fields count from the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        // utime, stime, and cutime, cstime of children already reaped (fields 14 to 17).
        return ((int)Field(4), Field(14) + Field(15) + Field(16) + Field(17));
    }
}
