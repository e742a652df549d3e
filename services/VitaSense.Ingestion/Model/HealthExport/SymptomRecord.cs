namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>One entry of <c>symptoms</c>, e.g. a headache from 10:00 to 12:00.</summary>
public sealed class SymptomRecord : HealthExportItem
{
    /// <summary>Symptom name, e.g. <c>Headache</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Severity, e.g. <c>Mild</c>, <c>Moderate</c>, <c>Severe</c>, <c>Present</c>, <c>Not Present</c>.</summary>
    public string? Severity { get; init; }

    /// <summary>Start.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>End, if given (equal to <see cref="Start"/> for a momentary symptom).</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>Whether the user entered it by hand.</summary>
    public bool? UserEntered { get; init; }

    /// <summary>The <c>source</c> split on '|'.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}
