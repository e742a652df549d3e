namespace VitaSense.Hosting;

/// <summary>One line a resource wrote.</summary>
/// <param name="LineNumber">Position in the resource's log, from 1.</param>
/// <param name="Timestamp">When the engine received it.</param>
/// <param name="Content">The text, without prefix.</param>
/// <param name="IsErrorMessage">Written to stderr.</param>
public readonly record struct LogLine(long LineNumber, DateTimeOffset Timestamp, string Content, bool IsErrorMessage);
