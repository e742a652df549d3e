namespace VitaSense.Devices.Integrations;

/// <summary>
/// Settings of vendor calls and device sync, section <c>Integrations</c> (the vendors' endpoints are its
/// sub-sections, see <see cref="VendorEndpoint"/>). <c>MAX_SYNC_RETRIES</c> overrides <see cref="MaxSyncRetries"/>.
/// </summary>
public sealed class IntegrationOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Integrations";

    /// <summary>Attempts of a sync after the first when the vendor or ingestion fails transiently (default 3).</summary>
    public int MaxSyncRetries { get; set; } = 3;

    /// <summary>First delay between two attempts of a sync; doubled each time (default 2 s).</summary>
    public double SyncRetryBaseDelaySeconds { get; set; } = 2;

    /// <summary>Retries of one vendor call on 5xx or a network error (default 3).</summary>
    public int VendorMaxRetries { get; set; } = 3;

    /// <summary>First backoff of a vendor call retry; doubled each time (default 500 ms).</summary>
    public int VendorRetryBaseDelayMilliseconds { get; set; } = 500;

    /// <summary>Longest Retry-After (or rate-limit reset) waited for within a call; longer fails the sync as retryable (default 60 s).</summary>
    public int MaxRetryAfterSeconds { get; set; } = 60;

    /// <summary>Timeout of one vendor HTTP call (default 30 s).</summary>
    public int VendorCallTimeoutSeconds { get; set; } = 30;

    /// <summary>Timeout of a whole sync, all attempts included (default 300 s, the spec's SYNC_TIMEOUT_SECONDS).</summary>
    public int SyncTimeoutSeconds { get; set; } = 300;

    /// <summary>A token expiring within this many seconds is refreshed before the call (default 120).</summary>
    public int RefreshBeforeExpirySeconds { get; set; } = 120;

    /// <summary>Whether this replica runs the automatic-sync scheduler (default true).</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>How often the scheduler looks for due devices (default 15 s).</summary>
    public double SchedulerIntervalSeconds { get; set; } = 15;

    /// <summary>Most devices one scheduler round claims (default 20).</summary>
    public int SchedulerBatchSize { get; set; } = 20;

    /// <summary>Jitter added to the next automatic sync, as a fraction of the interval (default 0.1).</summary>
    public double JitterFraction { get; set; } = 0.1;

    /// <summary>How often a running sync proves it is alive (default 10 s).</summary>
    public double HeartbeatSeconds { get; set; } = 10;

    /// <summary>A pending or running sync without a heartbeat for this long was left by a crash and is failed (default 60 s).</summary>
    public double StaleAfterSeconds { get; set; } = 60;

    /// <summary>Syncs run at once by one replica (default 4).</summary>
    public int SyncConcurrency { get; set; } = 4;

    /// <summary>Most readings posted to ingestion in one request (default 2000).</summary>
    public int IngestionBatchSize { get; set; } = 2000;

    /// <summary>Most days one sync fetches per data type; the cursor carries the rest to the next sync (default 31).</summary>
    public int MaxDaysPerSync { get; set; } = 31;
}
