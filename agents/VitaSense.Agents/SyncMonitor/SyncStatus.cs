namespace VitaSense.Agents.SyncMonitor;

/// <summary>The sync statuses of a source.</summary>
public static class SyncStatus
{
    /// <summary>Syncing at its usual rhythm, readings arriving soon after they are measured.</summary>
    public const string Healthy = "healthy";

    /// <summary>Late: readings arrive long after they are measured, or the source has missed a few of its usual syncs.</summary>
    public const string Delayed = "delayed";

    /// <summary>Stopped: silent for much longer than its usual rhythm allows.</summary>
    public const string Failing = "failing";
}
