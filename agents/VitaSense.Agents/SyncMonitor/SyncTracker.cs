using System.Globalization;
using VitaSense.Agents.Infrastructure;
using VitaSense.Contracts.Events;

namespace VitaSense.Agents.SyncMonitor;

/// <summary>
/// Sync frequency, latency and conflicts per user and source, and the status they add up to.
/// <para>A sync is one ingestion (its events arrive together); its time is the agent's clock on arrival, its latency how
/// old its newest reading was then. The rhythm is the median of the last intervals between syncs. A conflict is a sync
/// whose readings overlap in time the last readings of another of the user's sources for the same metric.</para>
/// <para>Status: <c>failing</c> when silent longer than the larger of <see cref="SyncMonitorOptions.FailingSilence"/> and
/// <see cref="SyncMonitorOptions.FailingIntervalFactor"/> intervals; <c>delayed</c> when silent longer than the
/// delayed equivalents or the last sync's latency is above <see cref="SyncMonitorOptions.DelayedLatency"/>;
/// <c>healthy</c> otherwise. A change is returned until <see cref="MarkAnnounced"/> is called for it, so a failed
/// publish is retried. Bounded (LRU per user) and thread-safe: the consume loop observes, a timer checks.</para>
/// </summary>
public sealed class SyncTracker(SyncMonitorOptions options, TimeProvider timeProvider)
{
    private const string None = "none";

    private readonly Lock gate = new();
    private readonly LruCache<string, Dictionary<string, SourceSyncState>> users = new(options.UserCapacity);
    // Users with a source whose status may change by silence alone; the LRU cannot be enumerated.
    private readonly HashSet<string> watched = new(StringComparer.Ordinal);

    /// <summary>Users tracked.</summary>
    public int TrackedUsers
    {
        get
        {
            lock (gate)
            {
                return users.Count;
            }
        }
    }

    /// <summary>Records a batch of readings that just arrived; returns the source's status when it changed.</summary>
    public SyncStatusChanged? Observe(ObservationsIngested batch)
    {
        if (batch.Observations.Count == 0)
        {
            return null;
        }
        var now = timeProvider.GetUtcNow();
        var from = batch.Observations.Min(o => o.Timestamp);
        var to = batch.Observations.Max(o => o.Timestamp);
        lock (gate)
        {
            if (!users.TryGet(batch.UserId, out var sources))
            {
                sources = new Dictionary<string, SourceSyncState>(StringComparer.Ordinal);
                users.Set(batch.UserId, sources);
            }
            if (!sources.TryGetValue(batch.Source, out var state))
            {
                if (sources.Count >= options.MaxSourcesPerUser)
                {
                    return null;
                }
                state = new SourceSyncState(options.IntervalWindow) { LastSyncAt = now, LastIngestionId = batch.IngestionId };
                sources[batch.Source] = state;
                state.LatencySeconds = Math.Max(0, (now - to).TotalSeconds);
            }
            else if (batch.IngestionId != state.LastIngestionId)
            {
                var interval = (now - state.LastSyncAt).TotalSeconds;
                // Ingestions moments apart are one burst (a chunked upload): only a real pause is the rhythm.
                if (interval >= 1)
                {
                    state.AddInterval(interval);
                }
                state.LastSyncAt = now;
                state.LastIngestionId = batch.IngestionId;
                state.LatencySeconds = Math.Max(0, (now - to).TotalSeconds);
            }
            else
            {
                // Another event of the same sync: the newest reading of the whole sync sets its latency.
                state.LatencySeconds = Math.Min(state.LatencySeconds, Math.Max(0, (now - to).TotalSeconds));
            }
            state.DeviceId ??= batch.DeviceId;

            foreach (var (name, other) in sources)
            {
                if (name != batch.Source && other.Ranges.TryGetValue(batch.Metric, out var range) && from <= range.To && range.From <= to)
                {
                    state.Conflicts++;
                    break;
                }
            }
            state.Ranges[batch.Metric] = (from, to);
            watched.Add(batch.UserId);
            return Change(batch.UserId, batch.Source, state, now);
        }
    }

    /// <summary>The sources whose status changed by silence since they were last announced.</summary>
    public IReadOnlyList<SyncStatusChanged> Check()
    {
        var now = timeProvider.GetUtcNow();
        var changes = new List<SyncStatusChanged>();
        lock (gate)
        {
            foreach (var userId in watched.ToList())
            {
                if (!users.TryGet(userId, out var sources))
                {
                    watched.Remove(userId);
                    continue;
                }
                var canChange = false;
                foreach (var (source, state) in sources)
                {
                    if (Change(userId, source, state, now) is { } change)
                    {
                        changes.Add(change);
                    }
                    canChange |= state.AnnouncedStatus != SyncStatus.Failing;
                }
                // Failing is as far as silence goes: nothing more to check until the user syncs again.
                if (!canChange)
                {
                    watched.Remove(userId);
                }
            }
        }
        return changes;
    }

    /// <summary>Records that <paramref name="change"/> was published, so it is not returned again.</summary>
    public void MarkAnnounced(SyncStatusChanged change)
    {
        lock (gate)
        {
            if (users.TryGet(change.UserId, out var sources) && sources.TryGetValue(change.Source, out var state))
            {
                state.AnnouncedStatus = change.Status;
            }
        }
    }

    private SyncStatusChanged? Change(string userId, string source, SourceSyncState state, DateTimeOffset now)
    {
        var median = state.MedianIntervalSeconds();
        var silence = now - state.LastSyncAt;
        var status = silence > Threshold(options.FailingSilence, options.FailingIntervalFactor, median) ? SyncStatus.Failing
            : silence > Threshold(options.DelayedSilence, options.DelayedIntervalFactor, median)
                || state.LatencySeconds > options.DelayedLatency.TotalSeconds ? SyncStatus.Delayed
            : SyncStatus.Healthy;
        if (status == state.AnnouncedStatus)
        {
            return null;
        }
        return new SyncStatusChanged
        {
            UserId = userId,
            Source = source,
            DeviceId = state.DeviceId,
            Status = status,
            MedianIntervalSeconds = median is { } m ? Math.Round(m, 1) : null,
            LastSyncAt = state.LastSyncAt,
            LatencySeconds = Math.Round(state.LatencySeconds, 1),
            Conflicts = state.Conflicts,
            RecoveryPlan = RecoveryPlan(source, status, state, silence, median),
            OccurredAt = now,
        };
    }

    private static TimeSpan Threshold(TimeSpan minimum, double factor, double? medianSeconds) =>
        medianSeconds is { } median && median * factor > minimum.TotalSeconds ? TimeSpan.FromSeconds(median * factor) : minimum;

    private string RecoveryPlan(string source, string status, SourceSyncState state, TimeSpan silence, double? median)
    {
        var plan = status switch
        {
            SyncStatus.Failing => string.Create(CultureInfo.InvariantCulture,
                $"{source} has not synced since {state.LastSyncAt:yyyy-MM-dd HH:mm} UTC: check that it is charged, in range and signed in, re-pair it or reinstall its export app, then sync; readings since the last sync are back-filled then."),
            SyncStatus.Delayed when silence > Threshold(options.DelayedSilence, options.DelayedIntervalFactor, median) => string.Create(CultureInfo.InvariantCulture,
                $"{source} has not synced for {Duration(silence)}{(median is { } m ? $", against every {Duration(TimeSpan.FromSeconds(m))} usually" : "")}: open its app to sync and check that it is charged and in range."),
            SyncStatus.Delayed => string.Create(CultureInfo.InvariantCulture,
                $"Readings from {source} arrive {Duration(TimeSpan.FromSeconds(state.LatencySeconds))} after they are measured: allow its app to refresh in the background and sync more often."),
            _ => None,
        };
        return state.Conflicts > 0 && status != SyncStatus.Healthy
            ? plan + " It overlaps another source: choose one as the primary source of the overlapping metrics."
            : plan;
    }

    private static string Duration(TimeSpan span) => span.TotalHours >= 48 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0} days")
        : span.TotalMinutes >= 120 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0} hours")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, span.TotalMinutes):0} minutes");
}
