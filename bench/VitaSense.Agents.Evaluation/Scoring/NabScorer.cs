namespace VitaSense.Agents.Evaluation.Scoring;

/// <summary>
/// NAB's corpus scoring: one threshold for all files, chosen to maximise the summed raw score.
/// Instead of a fixed grid every distinct score is tried (as NAB's sweeper does), in one pass over
/// the rows sorted by score, so the optimum is exact.
/// </summary>
public static class NabScorer
{
    public static CorpusScore Score(IReadOnlyList<NabFileScoring> files, NabProfile profile)
    {
        var windowCount = files.Sum(f => f.WindowCount);
        var nullScore = -profile.FalseNegativeWeight * windowCount;
        var threshold = SweepThreshold(files, profile, windowCount, nullScore);
        var perFile = files.Select(f => ScoreFile(f, threshold, profile)).ToList();
        return new CorpusScore(profile, threshold, perFile.Sum(f => f.Score), nullScore, files.Sum(f => f.Perfect), perFile);
    }

    private static double SweepThreshold(IReadOnlyList<NabFileScoring> files, NabProfile profile, int windowCount, double nullScore)
    {
        var rows = files.SelectMany(f => f.Rows).ToArray();
        Array.Sort(rows, (a, b) => b.Score.CompareTo(a.Score));

        // Rows arrive by falling score; a window's reward is its earliest detected row, i.e. the largest value seen.
        var reward = new double[windowCount];
        Array.Fill(reward, double.NaN);
        var total = nullScore;
        var bestTotal = nullScore;
        var bestThreshold = 1.1;
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            if (row.Window < 0)
            {
                total += row.Value;
            }
            else if (double.IsNaN(reward[row.Window]))
            {
                reward[row.Window] = row.Value;
                total += row.Value + profile.FalseNegativeWeight;
            }
            else if (row.Value > reward[row.Window])
            {
                total += row.Value - reward[row.Window];
                reward[row.Window] = row.Value;
            }

            var groupEnds = i + 1 == rows.Length || rows[i + 1].Score != row.Score;
            if (groupEnds && total > bestTotal)
            {
                bestTotal = total;
                bestThreshold = row.Score;
            }
        }

        return bestThreshold;
    }

    private static FileScore ScoreFile(NabFileScoring file, double threshold, NabProfile profile)
    {
        var reward = new double[file.WindowCount];
        Array.Fill(reward, double.NaN);
        double falsePositiveCost = 0;
        var falsePositives = 0;
        foreach (var row in file.Rows)
        {
            if (row.Score < threshold)
            {
                continue;
            }

            if (row.Window < 0)
            {
                falsePositiveCost += row.Value;
                falsePositives++;
            }
            else
            {
                var w = row.Window - file.FirstWindow;
                reward[w] = double.IsNaN(reward[w]) ? row.Value : Math.Max(reward[w], row.Value);
            }
        }

        var detected = reward.Count(r => !double.IsNaN(r));
        var missed = file.WindowCount - detected;
        var score = reward.Where(r => !double.IsNaN(r)).Sum() + falsePositiveCost - profile.FalseNegativeWeight * missed;
        return new FileScore(file.Key, file.WindowCount, detected, falsePositives, missed, score);
    }
}
