namespace VitaSense.Ingestion.Services.Sync;

/// <summary>The body grew past the configured limit while it was being read.</summary>
public sealed class PayloadTooLargeException(long limit)
    : Exception($"The request body exceeds {limit} bytes.")
{
    /// <summary>The limit, bytes.</summary>
    public long Limit { get; } = limit;
}
