using System.Threading.RateLimiting;

namespace VitaSense.ServiceDefaults.RateLimiting;

/// <summary>The outcome of one acquisition, carrying what a 429 answer needs.</summary>
public sealed class RedisRateLimitLease(bool isAcquired, int limit, int remaining, TimeSpan? retryAfter) : RateLimitLease
{
    /// <summary>Metadata name of the window's permit limit (<c>X-RateLimit-Limit</c>).</summary>
    public const string LimitMetadataName = "X-RateLimit-Limit";

    /// <summary>Metadata name of the permits left in the window (<c>X-RateLimit-Remaining</c>).</summary>
    public const string RemainingMetadataName = "X-RateLimit-Remaining";

    /// <summary>The window's permit limit.</summary>
    public int Limit => limit;

    /// <summary>Permits left in the window.</summary>
    public int Remaining => remaining;

    /// <inheritdoc />
    public override bool IsAcquired => isAcquired;

    /// <inheritdoc />
    public override IEnumerable<string> MetadataNames =>
        retryAfter is null ? [LimitMetadataName, RemainingMetadataName] : [MetadataName.RetryAfter.Name, LimitMetadataName, RemainingMetadataName];

    /// <inheritdoc />
    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = metadataName switch
        {
            _ when metadataName == MetadataName.RetryAfter.Name => retryAfter,
            LimitMetadataName => limit,
            RemainingMetadataName => remaining,
            _ => null,
        };
        return metadata is not null;
    }
}
