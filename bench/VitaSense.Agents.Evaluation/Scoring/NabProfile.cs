namespace VitaSense.Agents.Evaluation.Scoring;

/// <summary>NAB application profile: weights of a true positive, a false positive and a missed window.</summary>
public sealed record NabProfile(string Name, double TruePositiveWeight, double FalsePositiveWeight, double FalseNegativeWeight)
{
    public static readonly NabProfile Standard = new("standard", 1.0, 0.11, 1.0);
    public static readonly NabProfile RewardLowFalsePositives = new("reward_low_fp", 1.0, 0.22, 1.0);
    public static readonly NabProfile RewardLowFalseNegatives = new("reward_low_fn", 1.0, 0.11, 2.0);

    public static readonly IReadOnlyList<NabProfile> All = [Standard, RewardLowFalsePositives, RewardLowFalseNegatives];

    public static NabProfile Parse(string name) =>
        All.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown profile '{name}' (standard, reward_low_fp, reward_low_fn)");
}
