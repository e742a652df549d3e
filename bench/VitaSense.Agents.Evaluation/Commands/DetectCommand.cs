using System.Globalization;
using System.Text;
using VitaSense.Agents.Evaluation.Data;
using VitaSense.Agents.Ml;

namespace VitaSense.Agents.Evaluation.Commands;

/// <summary><c>detect</c>: runs a fresh detector over every series, row by row, and writes the scores NAB expects.</summary>
public static class DetectCommand
{
    public static int Run(string dataFolder, string outFolder)
    {
        var files = TimeSeriesFile.Enumerate(dataFolder);
        if (files.Count == 0)
        {
            throw new ArgumentException($"no <category>/*.csv files under {dataFolder}");
        }

        // Files are independent, so they run in parallel; each gets its own detector state.
        Parallel.ForEach(files, file =>
        {
            var series = TimeSeriesFile.Read(file.Path, file.Key);
            var detector = new StreamingAnomalyDetector();
            var output = new StringBuilder("timestamp,value,anomaly_score\n", series.Length * 48);
            for (var i = 0; i < series.Length; i++)
            {
                var score = detector.Next(series.Values[i]);
                output.Append(series.TimestampText[i]).Append(',')
                    .Append(series.Values[i].ToString("R", CultureInfo.InvariantCulture)).Append(',')
                    .Append(score.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }

            var target = Path.Combine(outFolder, file.Key);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, output.ToString());
        });

        Console.WriteLine($"{files.Count} files scored into {outFolder}");
        return 0;
    }
}
