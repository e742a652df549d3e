namespace VitaSense.Hosting;

/// <summary>The engine's console: children's lines with a <c>[name]</c> prefix, messages, the resource table; one writer at a time.</summary>
internal sealed class ConsoleOutput(bool enabled)
{
    private readonly Lock gate = new();

    public bool Enabled => enabled;

    public void Line(string prefix, string text)
    {
        if (enabled)
        {
            lock (gate)
            {
                Console.Out.WriteLine($"[{prefix}] {text}");
            }
        }
    }

    public void Message(string text)
    {
        if (enabled)
        {
            lock (gate)
            {
                Console.Out.WriteLine(text);
            }
        }
    }

    public void Error(string text)
    {
        if (enabled)
        {
            lock (gate)
            {
                Console.Error.WriteLine(text);
            }
        }
    }

    public void Table(IEnumerable<ResourceSnapshot> snapshots)
    {
        if (!enabled)
        {
            return;
        }

        var rows = snapshots
            .Select(s => new[]
            {
                s.Name,
                s.Type + (s.IsExternal ? " (existing)" : ""),
                s.State + (s.ExitCode is { } code ? $" ({code})" : ""),
                s.Urls.Count > 0 ? string.Join(" ", s.Urls) : s.Target ?? "",
            })
            .Prepend(["RESOURCE", "TYPE", "STATE", "ENDPOINT"])
            .ToList();
        var widths = Enumerable.Range(0, 4).Select(c => rows.Max(r => r[c].Length)).ToArray();
        lock (gate)
        {
            Console.Out.WriteLine();
            foreach (var row in rows)
            {
                Console.Out.WriteLine("  " + string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
            }

            Console.Out.WriteLine();
        }
    }
}
