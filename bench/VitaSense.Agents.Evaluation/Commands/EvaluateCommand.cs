using System.Diagnostics;
using VitaSense.Agents.Evaluation.Scoring;

namespace VitaSense.Agents.Evaluation.Commands;

/// <summary><c>evaluate</c>: detect into a temporary folder, then score it under every NAB profile.</summary>
public static class EvaluateCommand
{
    public static int Run(string nabFolder)
    {
        var results = Path.Combine(Path.GetTempPath(), $"vitasense-nab-{Guid.NewGuid():N}");
        try
        {
            var clock = Stopwatch.StartNew();
            DetectCommand.Run(Path.Combine(nabFolder, "data"), results);
            Console.WriteLine($"detect took {clock.Elapsed.TotalSeconds:F1} s");
            foreach (var profile in NabProfile.All)
            {
                Console.WriteLine(ScoreCommand.Summary(ScoreCommand.Score(nabFolder, results, profile)));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(results, recursive: true);
        }
    }
}
