using VitaSense.Agents.Evaluation.Data;

namespace VitaSense.Agents.Evaluation.Scoring;

/// <summary>
/// Per-row NAB weights for one file (NAB's Sweeper.calcSweepScore): rows inside a window earn
/// A_TP·σ(position)/σ(−1) (so a detection at the window's start earns exactly A_TP), rows after a
/// window cost A_FP·σ(distance past it), rows before any window cost A_FP.
/// </summary>
public sealed class NabFileScoring
{
    private NabFileScoring(string key, ScoredRow[] rows, int firstWindow, int windowCount, double perfect)
    {
        Key = key;
        Rows = rows;
        FirstWindow = firstWindow;
        WindowCount = windowCount;
        Perfect = perfect;
    }

    public string Key { get; }

    public ScoredRow[] Rows { get; }

    /// <summary>Corpus-wide index of this file's first window; its windows are FirstWindow..FirstWindow+WindowCount-1.</summary>
    public int FirstWindow { get; }

    public int WindowCount { get; }

    /// <summary>Score of a detector that fires exactly at the earliest scorable row of every window.</summary>
    public double Perfect { get; }

    /// <summary>NAB's probation: the detector is still learning, so these leading rows are not scored.</summary>
    public static int ProbationLength(int rowCount) => Math.Min((int)Math.Floor(0.15 * rowCount), 750);

    /// <summary>NAB's scaledSigmoid: +0.987 at a window's start (y = −1), 0 at its end, towards −1 after it.</summary>
    public static double ScaledSigmoid(double y) => y >= 3.0 ? -1.0 : 2.0 / (1.0 + Math.Exp(5.0 * y)) - 1.0;

    public static NabFileScoring Create(
        TimeSeriesFile series,
        IReadOnlyList<(DateTime Start, DateTime End)> windows,
        NabProfile profile,
        int firstWindow)
    {
        var scores = series.Scores ?? throw new InvalidDataException($"{series.Key} has no anomaly_score column");
        var times = series.Timestamps;
        var bounds = windows
            .OrderBy(w => w.Start)
            .Select(w => (Left: Array.FindIndex(times, t => t >= w.Start), Right: Array.FindLastIndex(times, t => t <= w.End)))
            .ToArray();

        var probation = ProbationLength(series.Length);
        var maxTruePositive = ScaledSigmoid(-1.0);
        var rows = new List<(double Score, int Window, double Value)>(series.Length - probation);
        var best = new double[bounds.Length];
        Array.Fill(best, double.NaN);
        var current = 0;
        var previousRight = -1;
        var previousWidth = 0;
        for (var i = 0; i < series.Length; i++)
        {
            while (current < bounds.Length && i > bounds[current].Right)
            {
                previousRight = bounds[current].Right;
                previousWidth = bounds[current].Right - bounds[current].Left + 1;
                current++;
            }

            var inWindow = current < bounds.Length && i >= bounds[current].Left;
            double value;
            if (inWindow)
            {
                var width = bounds[current].Right - bounds[current].Left + 1;
                value = profile.TruePositiveWeight * ScaledSigmoid(-(bounds[current].Right - i + 1) / (double)width) / maxTruePositive;
            }
            else if (previousRight < 0)
            {
                value = -profile.FalsePositiveWeight;
            }
            else
            {
                var past = Math.Abs(previousRight - i) / (double)Math.Max(1, previousWidth - 1);
                value = profile.FalsePositiveWeight * ScaledSigmoid(past);
            }

            if (i < probation)
            {
                continue;
            }

            if (inWindow && double.IsNaN(best[current]))
            {
                best[current] = value;
            }

            rows.Add((scores[i], inWindow ? current : -1, value));
        }

        // As in NAB, a window wholly inside probation is not scored at all (neither reward nor miss).
        var scorable = new int[bounds.Length];
        var windowCount = 0;
        for (var w = 0; w < bounds.Length; w++)
        {
            scorable[w] = double.IsNaN(best[w]) ? -1 : firstWindow + windowCount++;
        }

        var scoredRows = rows.Select(r => new ScoredRow(r.Score, r.Window < 0 ? -1 : scorable[r.Window], r.Value)).ToArray();
        var perfect = best.Where(b => !double.IsNaN(b)).Sum();
        return new NabFileScoring(series.Key, scoredRows, firstWindow, windowCount, perfect);
    }
}
