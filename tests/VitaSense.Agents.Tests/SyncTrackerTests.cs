using VitaSense.Agents.SyncMonitor;
using VitaSense.Contracts.Events;

namespace VitaSense.Agents.Tests;

public sealed class SyncTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider clock = new(T0);
    private long ingestion;

    [Fact]
    public void A_first_sync_is_announced_healthy_once()
    {
        var tracker = new SyncTracker(new SyncMonitorOptions(), clock);

        var change = tracker.Observe(Batch("Watch", T0.AddMinutes(-10), T0.AddMinutes(-1)));

        Assert.NotNull(change);
        Assert.Equal(SyncStatus.Healthy, change.Status);
        Assert.Equal(60, change.LatencySeconds);
        Assert.Equal(T0, change.LastSyncAt);
        Assert.Null(change.MedianIntervalSeconds);
        Assert.Equal("none", change.RecoveryPlan);
        // Returned until announced, then not again while nothing changes.
        Assert.NotNull(tracker.Observe(Batch("Watch", T0.AddMinutes(-1), T0.AddMinutes(-1), sameIngestion: true)));
        tracker.MarkAnnounced(change);
        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Null(tracker.Observe(Batch("Watch", T0.AddMinutes(10), T0.AddMinutes(14))));
        Assert.Empty(tracker.Check());
    }

    [Fact]
    public void Old_readings_on_arrival_make_a_source_delayed_with_a_plan()
    {
        var tracker = new SyncTracker(new SyncMonitorOptions(), clock);
        tracker.MarkAnnounced(tracker.Observe(Batch("Watch", T0.AddMinutes(-5), T0.AddMinutes(-1)))!);
        clock.Advance(TimeSpan.FromMinutes(15));

        var change = tracker.Observe(Batch("Watch", T0.AddHours(-4), T0.AddHours(-3)));

        Assert.NotNull(change);
        Assert.Equal(SyncStatus.Delayed, change.Status);
        Assert.Equal(TimeSpan.FromMinutes(195).TotalSeconds, change.LatencySeconds);
        Assert.Equal(15 * 60, change.MedianIntervalSeconds);
        Assert.Contains("arrive 3 hours after", change.RecoveryPlan);
    }

    [Fact]
    public void Silence_beyond_the_rhythm_makes_a_source_delayed_then_failing()
    {
        var tracker = new SyncTracker(new SyncMonitorOptions(), clock);
        // Hourly syncs: delayed after max(2 h, 3 intervals) = 3 h, failing after max(24 h, 8 intervals) = 24 h.
        for (var i = 0; i < 5; i++)
        {
            if (tracker.Observe(Batch("Watch", clock.GetUtcNow().AddMinutes(-50), clock.GetUtcNow().AddMinutes(-1))) is { } change)
            {
                tracker.MarkAnnounced(change);
            }
            clock.Advance(TimeSpan.FromHours(1));
        }
        var lastSync = T0.AddHours(4);

        clock.Advance(TimeSpan.FromHours(1.5));
        Assert.Empty(tracker.Check());
        clock.Advance(TimeSpan.FromHours(0.6));
        var delayed = Assert.Single(tracker.Check());
        Assert.Equal(SyncStatus.Delayed, delayed.Status);
        Assert.Equal(3600, delayed.MedianIntervalSeconds);
        Assert.Equal(lastSync, delayed.LastSyncAt);
        Assert.Contains("has not synced for 3 hours, against every 60 minutes usually", delayed.RecoveryPlan);
        tracker.MarkAnnounced(delayed);
        Assert.Empty(tracker.Check());

        clock.Advance(TimeSpan.FromHours(21));
        var failing = Assert.Single(tracker.Check());
        Assert.Equal(SyncStatus.Failing, failing.Status);
        Assert.Contains("re-pair it", failing.RecoveryPlan);
        tracker.MarkAnnounced(failing);
        clock.Advance(TimeSpan.FromDays(3));
        Assert.Empty(tracker.Check());

        // Syncing again recovers it.
        var recovered = tracker.Observe(Batch("Watch", clock.GetUtcNow().AddMinutes(-5), clock.GetUtcNow().AddMinutes(-1)));
        Assert.Equal(SyncStatus.Healthy, recovered?.Status);
    }

    [Fact]
    public void Overlapping_readings_of_two_sources_are_counted_as_conflicts()
    {
        var tracker = new SyncTracker(new SyncMonitorOptions(), clock);
        tracker.MarkAnnounced(tracker.Observe(Batch("Watch", T0.AddMinutes(-30), T0.AddMinutes(-1)))!);

        var band = tracker.Observe(Batch("Band", T0.AddMinutes(-20), T0.AddMinutes(-2)));
        var otherMetric = tracker.Observe(Batch("Scale", T0.AddMinutes(-20), T0.AddMinutes(-2), metric: "weight_body_mass"));
        var otherUser = tracker.Observe(Batch("Band", T0.AddMinutes(-20), T0.AddMinutes(-2), user: "user-2"));

        Assert.Equal(1, band?.Conflicts);
        Assert.Equal(0, otherMetric?.Conflicts);
        Assert.Equal(0, otherUser?.Conflicts);
    }

    [Fact]
    public void A_failing_source_with_conflicts_is_told_to_choose_a_primary_source()
    {
        var tracker = new SyncTracker(new SyncMonitorOptions(), clock);
        tracker.MarkAnnounced(tracker.Observe(Batch("Watch", T0.AddMinutes(-30), T0.AddMinutes(-1)))!);
        tracker.MarkAnnounced(tracker.Observe(Batch("Band", T0.AddMinutes(-20), T0.AddMinutes(-2)))!);

        clock.Advance(TimeSpan.FromHours(25));
        var changes = tracker.Check();

        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.Equal(SyncStatus.Failing, c.Status));
        Assert.Contains("choose one as the primary source", changes.Single(c => c.Source == "Band").RecoveryPlan);
        Assert.DoesNotContain("primary", changes.Single(c => c.Source == "Watch").RecoveryPlan);
    }

    private ObservationsIngested Batch(string source, DateTimeOffset from, DateTimeOffset to, string metric = "heart_rate", string user = "user-1", bool sameIngestion = false) => new()
    {
        UserId = user,
        Metric = metric,
        Source = source,
        Origin = "health_export",
        IngestionId = sameIngestion ? ingestion : ++ingestion,
        Observations = [new ObservationPoint { Timestamp = from, Value = 70 }, new ObservationPoint { Timestamp = to, Value = 71 }],
    };
}
