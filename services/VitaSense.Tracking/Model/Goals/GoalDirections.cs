namespace VitaSense.Tracking.Model.Goals;

/// <summary>Which side of the target a period must end on.</summary>
public static class GoalDirections
{
    /// <summary>The period's value reaches the target or more (steps, sleep).</summary>
    public const string AtLeast = "at_least";

    /// <summary>The period's value stays at or below the target (weight, resting heart rate).</summary>
    public const string AtMost = "at_most";

    /// <summary>The direction a goal on <paramref name="goalType"/> (resolved name) takes unless told otherwise.</summary>
    public static string DefaultFor(string goalType) => goalType is "weight" or "resting_heart_rate" ? AtMost : AtLeast;

    /// <summary>Whether <paramref name="value"/> meets <paramref name="target"/> in <paramref name="direction"/>.</summary>
    public static bool Meets(string direction, double value, double target) => direction == AtMost ? value <= target : value >= target;
}
