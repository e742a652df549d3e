using VitaSense.Agents.Agents;
using VitaSense.Agents.Model;
using VitaSense.Contracts.Events;

namespace VitaSense.Agents.Tests;

/// <summary>The battery drain and signal degradation rules of <see cref="DeviceAnomalyRule"/>.</summary>
public sealed class DeviceHealthRuleTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly DeviceAnomalyRule rule = new(lowBatteryThreshold: 20, criticalBatteryThreshold: 5, drainThresholdPerHour: 10);

    [Fact]
    public void Battery_losing_twenty_points_an_hour_is_a_drain_reported_once()
    {
        // 90 → 85 → 80 → 75 every 15 minutes: 20 points an hour.
        var states = Run((0, 90, -60), (15, 85, -60), (30, 80, -60), (45, 75, -60));

        var drains = states.SelectMany(e => e.Findings).Where(f => f.AnomalyType == AnomalyFinding.BatteryDrain).ToList();
        var drain = Assert.Single(drains);
        Assert.Equal(20, drain.Values["drain_rate_per_hour"]);
        Assert.Equal(90, drain.Values["from_battery_level"]);
        Assert.Equal("warning", drain.Severity);
        // Reported at the second report, the first that spans the minimum 15 minutes.
        Assert.Contains(drain, states[1].Findings);
    }

    [Fact]
    public void Normal_drain_and_fast_drops_over_a_few_minutes_are_not_reported()
    {
        // 5 points an hour; then 2 points in 2 minutes (60 an hour, but too short a stretch to tell).
        var slow = Run((0, 90, -60), (60, 85, -60), (120, 80, -60));
        var blip = Run((0, 90, -60), (2, 88, -60));

        Assert.DoesNotContain(slow.Concat(blip).SelectMany(e => e.Findings), f => f.AnomalyType == AnomalyFinding.BatteryDrain);
    }

    [Fact]
    public void Charging_rearms_the_drain_alert()
    {
        var states = Run((0, 90, -60), (30, 80, -60), (40, 95, -60), (70, 85, -60));

        Assert.Equal(2, states.SelectMany(e => e.Findings).Count(f => f.AnomalyType == AnomalyFinding.BatteryDrain));
        Assert.Single(states[3].Findings, f => f.AnomalyType == AnomalyFinding.BatteryDrain);
    }

    [Fact]
    public void Signal_falling_below_minus_90_over_three_reports_is_degradation_reported_once()
    {
        var states = Run((0, 90, -80), (1, 90, -86), (2, 90, -92), (3, 90, -95), (4, 90, -97));

        var degradation = Assert.Single(states.SelectMany(e => e.Findings), f => f.AnomalyType == AnomalyFinding.SignalDegradation);
        Assert.Contains(degradation, states[2].Findings);
        Assert.Equal(-92, degradation.Values["rssi"]);
        Assert.Equal(-80, degradation.Values["from_rssi"]);
    }

    [Fact]
    public void Weak_but_steady_or_recovering_signal_is_not_degradation()
    {
        var steady = Run((0, 90, -93), (1, 90, -93), (2, 90, -93));
        var recovering = Run((0, 90, -97), (1, 90, -94), (2, 90, -92));
        var aboveThreshold = Run((0, 90, -70), (1, 90, -80), (2, 90, -89));

        Assert.DoesNotContain(steady.Concat(recovering).Concat(aboveThreshold).SelectMany(e => e.Findings),
            f => f.AnomalyType == AnomalyFinding.SignalDegradation);
    }

    [Fact]
    public void Signal_recovering_above_the_threshold_rearms_degradation()
    {
        var states = Run((0, 90, -85), (1, 90, -91), (2, 90, -93), (3, 90, -70), (4, 90, -88), (5, 90, -91), (6, 90, -95));

        Assert.Equal(2, states.SelectMany(e => e.Findings).Count(f => f.AnomalyType == AnomalyFinding.SignalDegradation));
    }

    private List<AnomalyEvaluation> Run(params (int Minute, int Battery, int Rssi)[] reports)
    {
        var evaluations = new List<AnomalyEvaluation>();
        DeviceState? state = null;
        foreach (var (minute, battery, rssi) in reports)
        {
            var evaluation = rule.Evaluate(new DeviceStatusReported
            {
                UserId = "user-1",
                DeviceId = "device-1",
                Timestamp = T0.AddMinutes(minute),
                BatteryLevel = battery,
                Rssi = rssi,
                Online = true,
            }, state);
            evaluations.Add(evaluation);
            state = evaluation.State;
        }
        return evaluations;
    }
}
