namespace VitaSense.Agents.Ml;

/// <summary>
/// NAB's anomaly-likelihood post-processing (nupic AnomalyLikelihood): a raw score is only surprising
/// relative to how noisy this stream's raw scores usually are. The mean of the last few raw scores is
/// compared with a normal fitted to the moving averages of a long history; the output is a log-scaled
/// likelihood in [0, 1] where 0.5 means "as usual" and values near 1 mean "far in the tail".
/// </summary>
public sealed class AnomalyLikelihood
{
    private const int LearningPeriod = 288;
    private const int EstimationSamples = 100;
    private const int HistoricWindow = 8640;
    private const int ReestimationPeriod = 100;
    private const int AveragingWindow = 10;
    private const double RedThreshold = 1.0 - 0.99999;
    private const double YellowThreshold = 1.0 - 0.999;

    private readonly Queue<double> _averages = new();
    private readonly Queue<double> _recent = new();
    private double _recentSum;
    private long _count;
    private double _mean;
    private double _stdDev = 1;
    private bool _estimated;
    private bool _previousWasRed;

    /// <summary>Feeds one raw score in [0, 1] and returns the log-likelihood score in [0, 1].</summary>
    public double Next(double rawScore)
    {
        _recent.Enqueue(rawScore);
        _recentSum += rawScore;
        if (_recent.Count > AveragingWindow)
        {
            _recentSum -= _recent.Dequeue();
        }

        var average = _recentSum / _recent.Count;
        _count++;

        // The first records are the underlying model's own learning period: their scores are not typical.
        if (_count > LearningPeriod)
        {
            _averages.Enqueue(average);
            if (_averages.Count > HistoricWindow)
            {
                _averages.Dequeue();
            }
        }

        if (_averages.Count < EstimationSamples)
        {
            return 0.5;
        }

        if (!_estimated || _count % ReestimationPeriod == 0)
        {
            Estimate();
        }

        var tail = TailProbability(average);

        // NAB's filter: once red, a lasting anomaly is reported as yellow so it does not keep firing.
        if (tail <= RedThreshold)
        {
            if (_previousWasRed)
            {
                tail = YellowThreshold;
            }

            _previousWasRed = true;
        }
        else
        {
            _previousWasRed = false;
        }

        var likelihood = 1.0 - tail;
        return Math.Log(1.0000000001 - likelihood) / Math.Log(1.0 - 0.9999999999);
    }

    private void Estimate()
    {
        double sum = 0, sumSquares = 0;
        foreach (var a in _averages)
        {
            sum += a;
            sumSquares += a * a;
        }

        // NAB's lower bounds keep a very quiet history from turning the slightest blip into certainty.
        _mean = Math.Max(sum / _averages.Count, 0.03);
        var variance = Math.Max(sumSquares / _averages.Count - (sum / _averages.Count) * (sum / _averages.Count), 0.0003);
        _stdDev = Math.Sqrt(variance);
        _estimated = true;
    }

    private double TailProbability(double x)
    {
        if (x < _mean)
        {
            // Unusually low scores are as unlikely as unusually high ones only on the high side: mirror them.
            x = 2 * _mean - x;
        }

        var z = (x - _mean) / _stdDev;
        return 0.5 * Erfc(z / Math.Sqrt(2));
    }

    /// <summary>Complementary error function (Numerical Recipes erfcc, relative error below 1.2e-7).</summary>
    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1.0 / (1.0 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
            t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 +
            t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2.0 - r;
    }
}
