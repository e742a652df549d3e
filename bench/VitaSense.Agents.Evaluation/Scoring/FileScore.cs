namespace VitaSense.Agents.Evaluation.Scoring;

/// <summary>Outcome of one file at a given threshold.</summary>
public sealed record FileScore(string Key, int Windows, int TruePositives, int FalsePositives, int FalseNegatives, double Score);
