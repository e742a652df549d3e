namespace VitaSense.Devices.Services.Sync;

/// <summary>Ingestion did not take a batch of synced readings.</summary>
public sealed class SyncIngestionException(string message, int? statusCode, bool retryable) : Exception(message)
{
    /// <summary>Ingestion's HTTP status, when it answered.</summary>
    public int? StatusCode { get; } = statusCode;

    /// <summary>Whether trying again later may succeed (404 before ingestion has seen the device's lifecycle event, 5xx, network).</summary>
    public bool Retryable { get; } = retryable;
}
