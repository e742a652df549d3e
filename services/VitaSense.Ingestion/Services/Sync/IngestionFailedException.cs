using VitaSense.Ingestion.Model.Sync;

namespace VitaSense.Ingestion.Services.Sync;

/// <summary>
/// The body could not be read to its end (not JSON, cut short, not the envelope, too large). Batches committed
/// before the failure stay stored, complete; <see cref="Summary"/> says what they held.
/// </summary>
public sealed class IngestionFailedException(string message, IngestionSummary summary, Exception inner) : Exception(message, inner)
{
    /// <summary>What was stored before the failure.</summary>
    public IngestionSummary Summary { get; } = summary;
}
