using VitaSense.Agents.Ml;

namespace VitaSense.Agents.Tests.Ml;

public sealed class PcaAnomalyModelTests
{
    private static readonly double[] Rhythm = [.. Enumerable.Range(0, 2000)
        .Select(i => 70 + 12 * Math.Sin(2 * Math.PI * i / 288) + 2 * Math.Sin(i * 1.7))];

    [Fact]
    public void Constant_history_trains_without_throwing_and_scores_itself_low()
    {
        var model = PcaAnomalyModel.Train(Enumerable.Repeat(60.0, 500).ToArray());

        Assert.NotNull(model);
        Assert.InRange(model.Score(Enumerable.Repeat(60.0, model.WindowLength).ToArray()), 0, 0.2);
    }

    [Fact]
    public void Too_little_history_gives_no_model()
    {
        Assert.Null(PcaAnomalyModel.Train(Rhythm.Take(PcaAnomalyModel.DefaultWindowLength + 10).ToArray()));
    }

    [Fact]
    public void Usual_window_scores_low_and_large_excursions_score_high()
    {
        var model = PcaAnomalyModel.Train(Rhythm)!;
        var usual = Rhythm.AsSpan(1000, model.WindowLength).ToArray();
        var spike = (double[])usual.Clone();
        spike[^1] += 60;
        // A level jump keeps the window's shape: the raw (scale-free) PCA score would miss it.
        var level = usual.Select(v => v + 80).ToArray();

        Assert.InRange(model.Score(usual), 0, 0.5);
        Assert.InRange(model.Score(spike), 0.9, 1);
        Assert.InRange(model.Score(level), 0.9, 1);
    }

    [Fact]
    public void Round_trips_through_bytes_with_identical_scores()
    {
        var model = PcaAnomalyModel.Train(Rhythm)!;
        var window = Rhythm.AsSpan(700, model.WindowLength).ToArray();
        window[3] += 25;

        var loaded = PcaAnomalyModel.Load(model.ToBytes());

        Assert.Equal(model.Version, loaded.Version);
        Assert.StartsWith(PcaAnomalyModel.FormatVersion, loaded.Version);
        Assert.Equal(model.Score(window), loaded.Score(window));
        Assert.Throws<InvalidDataException>(() => PcaAnomalyModel.Load(model.ToBytes().AsSpan(0, 40)));
    }
}
