namespace VitaSense.Agents.Evaluation.Synthetic;

/// <summary>A labelled fault: rows <c>[Start, End)</c> of the stream are anomalous.</summary>
public sealed record InjectedAnomaly(AnomalyKind Kind, int Start, int End);
