namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>
/// One entry of <c>stateOfMind</c>, <c>medications</c>, <c>cycleTracking</c> or <c>heartRateNotifications</c>: collections whose
/// fields vary by app version, so beyond the time and a display name the entry is kept whole as JSON.
/// </summary>
public sealed class CollectionRecord : HealthExportItem
{
    /// <summary><c>state_of_mind</c>, <c>medications</c>, <c>cycle_tracking</c> or <c>heart_rate_notifications</c>.</summary>
    public required string Collection { get; init; }

    /// <summary>The first of <c>start</c>, <c>date</c>, <c>startDate</c>, <c>scheduledDate</c> present in the entry.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary><c>end</c> or <c>endDate</c>, if given.</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>A display name: the medication's <c>displayText</c>, the entry's <c>name</c>, a state of mind's <c>kind</c>, or a <c>type</c>.</summary>
    public string? Name { get; init; }

    /// <summary>The entry as compact JSON text (insignificant whitespace removed, escapes as sent), ready for a jsonb column.</summary>
    public required string Json { get; init; }

    /// <summary>The <c>source</c> split on '|'.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}
