using VitaSense.Agents.Agents;
using VitaSense.Agents.Model;
using VitaSense.Contracts.Events;

namespace VitaSense.Agents.Tests;

public sealed class DeviceAnomalyRuleTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly DeviceAnomalyRule rule = new(lowBatteryThreshold: 20, criticalBatteryThreshold: 5);

    [Theory]
    [InlineData(20, null)]
    [InlineData(19, "warning")]
    [InlineData(5, "warning")]
    [InlineData(4, "critical")]
    [InlineData(0, "critical")]
    public void Battery_thresholds_decide_severity(int battery, string? severity)
    {
        var evaluation = rule.Evaluate(Status(battery, online: true), previous: null);

        var lowBattery = evaluation.Findings.SingleOrDefault(f => f.AnomalyType == AnomalyFinding.LowBattery);
        Assert.Equal(severity, lowBattery?.Severity);
        if (lowBattery is not null)
        {
            Assert.Equal(battery, lowBattery.Values["battery_level"]);
        }
    }

    [Fact]
    public void Thresholds_are_configurable()
    {
        var strict = new DeviceAnomalyRule(lowBatteryThreshold: 50, criticalBatteryThreshold: 30);

        Assert.Equal("warning", strict.Evaluate(Status(45, true), null).Findings.Single().Severity);
        Assert.Equal("critical", strict.Evaluate(Status(29, true), null).Findings.Single().Severity);
        Assert.Empty(strict.Evaluate(Status(50, true), null).Findings);
    }

    [Fact]
    public void Staying_low_does_not_repeat_the_alert_but_getting_worse_does()
    {
        var first = rule.Evaluate(Status(15, true), null);
        var second = rule.Evaluate(Status(12, true, 1), first.State);
        var third = rule.Evaluate(Status(3, true, 2), second.State);
        var fourth = rule.Evaluate(Status(2, true, 3), third.State);

        Assert.Equal("warning", first.Findings.Single().Severity);
        Assert.Empty(second.Findings);
        Assert.Equal("critical", third.Findings.Single().Severity);
        Assert.Empty(fourth.Findings);
    }

    [Fact]
    public void Charging_back_to_normal_rearms_the_battery_alert()
    {
        var low = rule.Evaluate(Status(10, true), null);
        var charged = rule.Evaluate(Status(80, true, 1), low.State);
        var lowAgain = rule.Evaluate(Status(10, true, 2), charged.State);

        Assert.Empty(charged.Findings);
        Assert.Equal(BatteryBand.Normal, charged.State.Battery);
        Assert.Single(lowAgain.Findings);
    }

    [Fact]
    public void Online_to_offline_is_an_anomaly()
    {
        var online = rule.Evaluate(Status(80, online: true), null);
        var offline = rule.Evaluate(Status(80, online: false, 1), online.State);

        Assert.Empty(online.Findings);
        var finding = Assert.Single(offline.Findings);
        Assert.Equal(AnomalyFinding.DeviceOffline, finding.AnomalyType);
        Assert.Equal("warning", finding.Severity);
        Assert.False(offline.State.Online);
    }

    [Fact]
    public void First_seen_offline_is_an_anomaly()
    {
        var evaluation = rule.Evaluate(Status(80, online: false), null);

        Assert.Equal(AnomalyFinding.DeviceOffline, Assert.Single(evaluation.Findings).AnomalyType);
    }

    [Fact]
    public void Staying_offline_is_not_repeated_and_online_again_rearms()
    {
        var offline = rule.Evaluate(Status(80, false), null);
        var stillOffline = rule.Evaluate(Status(80, false, 1), offline.State);
        var online = rule.Evaluate(Status(80, true, 2), stillOffline.State);
        var offlineAgain = rule.Evaluate(Status(80, false, 3), online.State);

        Assert.Empty(stillOffline.Findings);
        Assert.Empty(online.Findings);
        Assert.True(online.State.Online);
        Assert.Equal(AnomalyFinding.DeviceOffline, Assert.Single(offlineAgain.Findings).AnomalyType);
    }

    [Fact]
    public void Low_battery_and_offline_together_give_both()
    {
        var evaluation = rule.Evaluate(Status(3, online: false), null);

        Assert.Equal([AnomalyFinding.LowBattery, AnomalyFinding.DeviceOffline], evaluation.Findings.Select(f => f.AnomalyType));
    }

    [Fact]
    public void An_out_of_order_report_changes_nothing()
    {
        var online = rule.Evaluate(Status(80, true, minutes: 10), null);
        var stale = rule.Evaluate(Status(2, false, minutes: 5), online.State);

        Assert.Empty(stale.Findings);
        Assert.Same(online.State, stale.State);
    }

    private static DeviceStatusReported Status(int battery, bool online, int minutes = 0) => new()
    {
        UserId = "user-1",
        DeviceId = "device-1",
        Timestamp = T0.AddMinutes(minutes),
        BatteryLevel = battery,
        Rssi = -60,
        Online = online,
    };
}
