using System.Globalization;
using VitaSense.Agents.Evaluation.Data;
using VitaSense.Agents.Evaluation.Scoring;

namespace VitaSense.Agents.Evaluation.Commands;

/// <summary><c>score</c>: NAB-scores a results folder against the labelled windows and prints per-file and total figures.</summary>
public static class ScoreCommand
{
    public static int Run(string nabFolder, string resultsFolder, string profileName)
    {
        var result = Score(nabFolder, resultsFolder, NabProfile.Parse(profileName));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"file",-62} {"windows",7} {"TP",4} {"FP",6} {"FN",4} {"score",9}"));
        foreach (var file in result.Files)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{file.Key,-62} {file.Windows,7} {file.TruePositives,4} {file.FalsePositives,6} {file.FalseNegatives,4} {file.Score,9:F3}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"TOTAL",-62} {result.Files.Sum(f => f.Windows),7} {result.Files.Sum(f => f.TruePositives),4} {result.Files.Sum(f => f.FalsePositives),6} {result.Files.Sum(f => f.FalseNegatives),4} {result.Raw,9:F3}"));
        Console.WriteLine(Summary(result));
        return 0;
    }

    public static CorpusScore Score(string nabFolder, string resultsFolder, NabProfile profile)
    {
        var windows = NabWindows.Load(nabFolder);
        var files = new List<NabFileScoring>();
        var firstWindow = 0;
        foreach (var (key, path) in TimeSeriesFile.Enumerate(resultsFolder))
        {
            if (!windows.TryGetValue(key, out var fileWindows))
            {
                throw new ArgumentException($"{key} has no entry in combined_windows.json");
            }

            var scoring = NabFileScoring.Create(TimeSeriesFile.Read(path, key), fileWindows, profile, firstWindow);
            firstWindow += scoring.WindowCount;
            files.Add(scoring);
        }

        if (files.Count == 0)
        {
            throw new ArgumentException($"no <category>/*.csv results under {resultsFolder}");
        }

        return NabScorer.Score(files, profile);
    }

    public static string Summary(CorpusScore result) => string.Create(CultureInfo.InvariantCulture,
        $"profile={result.Profile.Name,-13} threshold={result.Threshold:R} raw={result.Raw:F3} null={result.Null:F3} perfect={result.Perfect:F3} normalized={result.Normalized:F2}");
}
