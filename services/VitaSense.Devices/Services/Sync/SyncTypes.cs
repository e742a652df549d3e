namespace VitaSense.Devices.Services.Sync;

/// <summary>Values of <c>sync_type</c> and <c>status</c>.</summary>
public static class SyncTypes
{
    /// <summary>Requested by <c>POST /api/v1/devices/{id}/sync</c>.</summary>
    public const string Manual = "manual";

    /// <summary>Started by the scheduler.</summary>
    public const string Automatic = "automatic";

    /// <summary>Requested by <c>POST /api/v1/sync/bulk</c>.</summary>
    public const string Bulk = "bulk";

    /// <summary>Requested by <c>POST /api/v1/sync/retry/{sync_id}</c>.</summary>
    public const string Retry = "retry";

    /// <summary>Data pushed by a vendor webhook.</summary>
    public const string Push = "push";

    /// <summary>Created, not started.</summary>
    public const string Pending = "pending";

    /// <summary>Running.</summary>
    public const string Running = "running";

    /// <summary>Done.</summary>
    public const string Completed = "completed";

    /// <summary>Failed (see error_message).</summary>
    public const string Failed = "failed";

    /// <summary>Every status, for validation of filters.</summary>
    public static readonly IReadOnlyList<string> Statuses = [Pending, Running, Completed, Failed];
}
