namespace VitaSense.Agents.Quality;

/// <summary>A run of consecutive identical clean readings of one stream.</summary>
/// <param name="Value">The value every reading of the run had.</param>
/// <param name="Start">The first reading's timestamp.</param>
/// <param name="Readings">How many readings the run has.</param>
/// <param name="Reported">Whether the run was already reported as a <c>flatline</c> (once per run).</param>
public sealed record ValueRun(double Value, DateTimeOffset Start, int Readings, bool Reported);
