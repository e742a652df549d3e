using System.Collections.Concurrent;
using VitaSense.Ingestion.Infrastructure;

namespace VitaSense.Ingestion.Services;

/// <summary>
/// Keeps <c>api_keys.last_used_at</c> roughly current without a database write per request: at most one write per
/// key per minute, in the background; a failed write is only logged.
/// </summary>
public sealed class ApiKeyUsageRecorder(ApiKeyStore store, TimeProvider time, ILogger<ApiKeyUsageRecorder> logger)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> lastRecorded = new(StringComparer.Ordinal);

    /// <summary>Notes that <paramref name="keyId"/> authenticated a request.</summary>
    public void Record(string? keyId)
    {
        if (keyId is null)
        {
            return;
        }
        var now = time.GetUtcNow();
        if (lastRecorded.TryGetValue(keyId, out var last) && now - last < Interval)
        {
            return;
        }
        lastRecorded[keyId] = now;
        _ = Task.Run(async () =>
        {
            try
            {
                await store.TouchAsync(keyId, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "Could not record use of API key {KeyId}", keyId);
            }
        });
    }
}
