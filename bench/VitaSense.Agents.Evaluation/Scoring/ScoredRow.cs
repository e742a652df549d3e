namespace VitaSense.Agents.Evaluation.Scoring;

/// <summary>
/// A row past probation: its detector score, the corpus-wide index of the window it lies in (-1 outside
/// every window) and what detecting it is worth under the profile (reward in a window, cost outside).
/// </summary>
public readonly record struct ScoredRow(double Score, int Window, double Value);
