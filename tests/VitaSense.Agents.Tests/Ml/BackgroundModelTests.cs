using VitaSense.Agents.Ml;

namespace VitaSense.Agents.Tests.Ml;

public sealed class BackgroundModelTests
{
    [Fact]
    public async Task Scoring_reads_the_old_model_while_a_retrain_runs_then_the_new_one()
    {
        var slot = new BackgroundModel<string>();
        slot.Set("v1");
        using var release = new ManualResetEventSlim();

        var training = slot.TryRetrain(() =>
        {
            release.Wait(TimeSpan.FromSeconds(10));
            return "v2";
        });

        Assert.NotNull(training);
        Assert.Equal("v1", slot.Current);
        Assert.True(slot.IsTraining);
        Assert.Null(slot.TryRetrain(() => "v3")); // one retrain at a time
        release.Set();
        Assert.Equal("v2", await training);
        Assert.Equal("v2", slot.Current);
        Assert.False(slot.IsTraining);
    }

    [Fact]
    public async Task A_retrain_without_a_model_or_with_an_error_keeps_the_previous_one()
    {
        var slot = new BackgroundModel<PcaAnomalyModel>();
        var history = Enumerable.Range(0, 400).Select(i => Math.Sin(i / 5.0)).ToArray();
        var first = await slot.TryRetrain(() => PcaAnomalyModel.Train(history))!;

        var tooShort = await slot.TryRetrain(() => PcaAnomalyModel.Train(history[..20]))!;
        await Assert.ThrowsAsync<InvalidOperationException>(() => slot.TryRetrain(() => throw new InvalidOperationException("boom"))!);

        Assert.NotNull(first);
        Assert.Null(tooShort);
        Assert.Same(first, slot.Current);
        Assert.NotNull(slot.TryRetrain(() => null)); // the failed retrain released the slot
    }

    [Fact]
    public async Task Retrains_sharing_a_bounded_scheduler_wait_for_each_other_while_the_old_models_answer()
    {
        var scheduler = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, maxConcurrencyLevel: 1).ConcurrentScheduler;
        var slots = Enumerable.Range(0, 3).Select(i =>
        {
            var slot = new BackgroundModel<string>();
            slot.Set($"old-{i}");
            return slot;
        }).ToList();
        var running = 0;
        var mostAtOnce = 0;

        var trainings = slots.Select((slot, i) => slot.TryRetrain(() =>
        {
            mostAtOnce = Math.Max(mostAtOnce, Interlocked.Increment(ref running));
            Thread.Sleep(100);
            Interlocked.Decrement(ref running);
            return $"new-{i}";
        }, scheduler)!).ToList();

        Assert.All(slots, slot => Assert.StartsWith("old-", slot.Current));
        var models = await Task.WhenAll(trainings).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("new-0,new-1,new-2", string.Join(",", models));
        Assert.Equal(1, mostAtOnce);
        Assert.All(slots, slot => Assert.StartsWith("new-", slot.Current));
    }
}
