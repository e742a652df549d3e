namespace VitaSense.Tracking.Services.Goals;

/// <summary>Settings of the background goal evaluation (section <c>Tracking:Goals</c>).</summary>
public sealed class GoalEvaluationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Tracking:Goals";

    /// <summary>How often every active goal is re-evaluated, so a reached goal fires without anyone asking for its progress.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Goals evaluated per database round.</summary>
    public int BatchSize { get; set; } = 200;
}
