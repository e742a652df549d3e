namespace VitaSense.Agents.Quality;

/// <summary>A data quality problem found in an event's readings.</summary>
/// <param name="IssueType">One of <see cref="QualityFlags"/>.</param>
/// <param name="Severity"><c>info</c>, <c>warning</c> or <c>critical</c>.</param>
/// <param name="Timestamp">When the reading concerned was measured (for a gap: where it ends).</param>
/// <param name="Value">The reading's value, when it has one.</param>
/// <param name="Detail">A sentence a person can read.</param>
public sealed record QualityIssue(string IssueType, string Severity, DateTimeOffset Timestamp, double? Value, string Detail)
{
    /// <summary>Worth knowing; the data is still usable.</summary>
    public const string Info = "info";

    /// <summary>The reading should not be trusted.</summary>
    public const string Warning = "warning";
}
