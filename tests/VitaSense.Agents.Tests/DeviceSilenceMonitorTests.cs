using VitaSense.Agents.Agents;

namespace VitaSense.Agents.Tests;

public sealed class DeviceSilenceMonitorTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider clock = new(T0);

    [Fact]
    public void A_device_silent_longer_than_the_threshold_is_reported_once()
    {
        var monitor = new DeviceSilenceMonitor(clock, TimeSpan.FromMinutes(15), intervalFactor: 3, capacity: 100);
        monitor.Seen("user-1", "watch", T0.AddSeconds(-5));

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(monitor.FindSilent());

        clock.Advance(TimeSpan.FromMinutes(6));
        var silent = Assert.Single(monitor.FindSilent());
        Assert.Equal(("user-1", "watch"), (silent.UserId, silent.DeviceId));
        Assert.Equal(T0.AddSeconds(-5), silent.LastEventAt);
        Assert.Equal(TimeSpan.FromMinutes(16), silent.SilentFor);

        // Found again until reported; once reported, not again for the same silence.
        Assert.Single(monitor.FindSilent());
        monitor.MarkReported(silent);
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Empty(monitor.FindSilent());
    }

    [Fact]
    public void Hearing_from_the_device_again_rearms_it()
    {
        var monitor = new DeviceSilenceMonitor(clock, TimeSpan.FromMinutes(15), intervalFactor: 3, capacity: 100);
        monitor.Seen("user-1", "watch", T0);
        clock.Advance(TimeSpan.FromMinutes(20));
        monitor.MarkReported(Assert.Single(monitor.FindSilent()));

        monitor.Seen("user-1", "watch", T0.AddMinutes(20));
        Assert.Empty(monitor.FindSilent());
        clock.Advance(TimeSpan.FromHours(2));

        var again = Assert.Single(monitor.FindSilent());
        Assert.Equal(T0.AddMinutes(20), again.LastEventAt);
    }

    [Fact]
    public void A_device_that_reports_hourly_is_expected_to_be_quiet_for_longer()
    {
        var monitor = new DeviceSilenceMonitor(clock, TimeSpan.FromMinutes(15), intervalFactor: 3, capacity: 100);
        for (var hour = 0; hour < 3; hour++)
        {
            monitor.Seen("user-1", "scale", T0.AddHours(hour));
            monitor.Seen("user-1", "watch", T0.AddHours(hour));
            clock.Advance(TimeSpan.FromHours(1));
        }

        // An hour since the last report: late for nothing that reports hourly; three hours is.
        Assert.Empty(monitor.FindSilent());
        clock.Advance(TimeSpan.FromHours(2).Add(TimeSpan.FromMinutes(1)));
        var silent = monitor.FindSilent();
        Assert.Equal(2, silent.Count);
        Assert.All(silent, s => Assert.Equal(TimeSpan.FromHours(3), s.Expected));
    }

    [Fact]
    public void A_silence_found_before_the_device_was_heard_from_again_is_not_marked_reported()
    {
        var monitor = new DeviceSilenceMonitor(clock, TimeSpan.FromMinutes(15), intervalFactor: 3, capacity: 100);
        monitor.Seen("user-1", "watch", T0);
        clock.Advance(TimeSpan.FromMinutes(20));
        var stale = Assert.Single(monitor.FindSilent());

        monitor.Seen("user-1", "watch", T0.AddMinutes(20));
        monitor.MarkReported(stale);
        // Its usual interval is now 20 minutes: silent after an hour.
        clock.Advance(TimeSpan.FromMinutes(61));

        Assert.Single(monitor.FindSilent());
    }

    [Fact]
    public void Beyond_capacity_the_longest_silent_device_is_forgotten()
    {
        var monitor = new DeviceSilenceMonitor(clock, TimeSpan.FromMinutes(15), intervalFactor: 3, capacity: 2);
        monitor.Seen("user-1", "a", T0);
        clock.Advance(TimeSpan.FromMinutes(1));
        monitor.Seen("user-1", "b", T0);
        monitor.Seen("user-1", "c", T0);
        clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(2, monitor.Count);
        Assert.Equal(["b", "c"], monitor.FindSilent().Select(s => s.DeviceId).Order());
    }
}
