using System.Text.Json;

namespace VitaSense.Agents.Evaluation.Data;

/// <summary>NAB's combined_windows.json: file key → labelled anomaly windows (inclusive start/end times).</summary>
public static class NabWindows
{
    public static IReadOnlyDictionary<string, IReadOnlyList<(DateTime Start, DateTime End)>> Load(string nabFolder)
    {
        var path = Path.Combine(nabFolder, "combined_windows.json");
        var raw = JsonSerializer.Deserialize<Dictionary<string, string[][]>>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"{path} is empty");
        return raw.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyList<(DateTime, DateTime)>)kv.Value
                .Select(w => (TimeSeriesFile.ParseTime(w[0]), TimeSeriesFile.ParseTime(w[1])))
                .ToList());
    }
}
