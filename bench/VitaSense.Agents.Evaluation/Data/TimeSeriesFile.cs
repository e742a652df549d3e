using System.Globalization;

namespace VitaSense.Agents.Evaluation.Data;

/// <summary>One NAB series: raw timestamp text (kept verbatim for output), parsed time, value, optional score.</summary>
public sealed record TimeSeriesFile(string Key, string[] TimestampText, DateTime[] Timestamps, double[] Values, double[]? Scores)
{
    public int Length => Values.Length;

    /// <summary>Reads a <c>timestamp,value[,anomaly_score,...]</c> CSV; <paramref name="key"/> is "category/file.csv".</summary>
    public static TimeSeriesFile Read(string path, string key)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var scoreColumn = Array.IndexOf(header, "anomaly_score");
        var count = lines.Length - 1;
        while (count > 0 && string.IsNullOrWhiteSpace(lines[count]))
        {
            count--;
        }

        var text = new string[count];
        var times = new DateTime[count];
        var values = new double[count];
        var scores = scoreColumn >= 0 ? new double[count] : null;
        for (var i = 0; i < count; i++)
        {
            var parts = lines[i + 1].Split(',');
            text[i] = parts[0];
            times[i] = ParseTime(parts[0]);
            values[i] = double.Parse(parts[1], CultureInfo.InvariantCulture);
            if (scores is not null)
            {
                scores[i] = double.Parse(parts[scoreColumn], CultureInfo.InvariantCulture);
            }
        }

        return new TimeSeriesFile(key, text, times, values, scores);
    }

    public static DateTime ParseTime(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    /// <summary>Lists every <c>category/*.csv</c> under a folder of category folders as (key, full path), sorted.</summary>
    public static IReadOnlyList<(string Key, string Path)> Enumerate(string root) =>
        Directory.EnumerateDirectories(root)
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.csv"))
            .Select(path => (Key: Path.GetRelativePath(root, path).Replace('\\', '/'), Path: path))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToList();
}
