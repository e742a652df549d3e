namespace VitaSense.ServiceDefaults.RateLimiting;

/// <summary>One fixed-window limit: <see cref="PermitLimit"/> requests per <see cref="Window"/> per partition.</summary>
/// <param name="PermitLimit">Requests allowed in a window.</param>
/// <param name="Window">Window length; the window starts at a partition's first request.</param>
/// <param name="KeyPrefix">Prefix of the Redis keys; replicas of a service share it, so they share the counts.</param>
public sealed record RedisRateLimitSettings(int PermitLimit, TimeSpan Window, string KeyPrefix)
{
    /// <summary>Throws when the numbers cannot make a limit.</summary>
    public RedisRateLimitSettings Validate() =>
        PermitLimit > 0 && Window >= TimeSpan.FromMilliseconds(1)
            ? this
            : throw new InvalidOperationException($"A rate limit needs a positive permit limit and window (got {PermitLimit} per {Window}).");
}
