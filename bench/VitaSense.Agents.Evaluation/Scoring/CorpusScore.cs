namespace VitaSense.Agents.Evaluation.Scoring;

/// <summary>Corpus outcome: the threshold chosen, raw/null/perfect totals, the normalised NAB score and per-file detail.</summary>
public sealed record CorpusScore(
    NabProfile Profile,
    double Threshold,
    double Raw,
    double Null,
    double Perfect,
    IReadOnlyList<FileScore> Files)
{
    public double Normalized => 100.0 * (Raw - Null) / (Perfect - Null);
}
