using System.Globalization;
using VitaSense.Agents.Evaluation.Synthetic;
using VitaSense.Agents.Ml;

namespace VitaSense.Agents.Evaluation.Commands;

/// <summary>
/// <c>synthetic</c>: runs the stream's detectors over seeded 5-minute heart-rate and glucose streams with
/// injected faults of one kind per stream and prints, per fault kind and metric, recall, precision and detection
/// delay. An alarm is a score at or above the detector's threshold, at most one per <see cref="Refractory"/> rows;
/// it is true when it falls inside a fault or within <see cref="Grace"/> rows after it. The first
/// <see cref="IntradayStreamGenerator.ProbationDays"/> days are learning time: no faults, alarms not counted.
/// </summary>
public static class SyntheticCommand
{
    private const int Days = 14;
    private const int AnomaliesPerStream = 3;
    private const int Grace = 12;
    private const int Refractory = 50;
    private const double DetectorThreshold = 0.5;
    private static readonly double[] PcaThresholds = [0.8, 0.9];

    public static int Run(int seeds)
    {
        var probation = IntradayStreamGenerator.ProbationDays * IntradayStreamGenerator.SamplesPerDay;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{seeds} seeds x {Enum.GetValues<IntradayMetric>().Length} metrics per fault kind, {Days} days at 5 min, {AnomaliesPerStream} faults per stream, grace {Grace * IntradayStreamGenerator.MinutesPerSample} min"));
        Console.WriteLine($"{"detector",-22} {"kind",-11} {"metric",-10} {"faults",6} {"found",5} {"recall",7} {"alarms",6} {"precision",9} {"false/day",9} {"delay p50",9} {"delay max",9}");
        var detectors = new List<(string Name, double Threshold, Func<double[], double[]> Score)>
        {
            ($"streaming >= {DetectorThreshold}", DetectorThreshold, values => values.Select(new StreamingAnomalyDetector().Next).ToArray()),
        };
        foreach (var threshold in PcaThresholds)
        {
            detectors.Add(($"pca(w16) >= {threshold}", threshold, values => PcaScores(values, probation)));
        }

        foreach (var (name, threshold, score) in detectors)
        {
            foreach (var kind in Enum.GetValues<AnomalyKind>())
            {
                foreach (var metric in Enum.GetValues<IntradayMetric>())
                {
                    var tallies = new Tally[seeds];
                    Parallel.For(0, seeds, seed =>
                    {
                        var stream = IntradayStreamGenerator.Generate(metric, kind, Days, AnomaliesPerStream, seed);
                        tallies[seed] = Evaluate(stream, score(stream.Values), threshold, probation);
                    });

                    var delays = tallies.SelectMany(t => t.Delays).Order().ToArray();
                    var faults = tallies.Sum(t => t.Faults);
                    var alarms = tallies.Sum(t => t.Alarms);
                    var trueAlarms = tallies.Sum(t => t.TrueAlarms);
                    var precision = alarms == 0 ? "-" : ((double)trueAlarms / alarms).ToString("P0", CultureInfo.InvariantCulture);
                    var falsePerDay = (double)(alarms - trueAlarms) / (seeds * (Days - IntradayStreamGenerator.ProbationDays));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name,-22} {kind,-11} {metric,-10} {faults,6} {delays.Length,5} {(double)delays.Length / faults,7:P0} {alarms,6} {precision,9} {falsePerDay,9:F2} {Minutes(delays, 0.5),9} {Minutes(delays, 1.0),9}"));
                }
            }
        }

        return 0;
    }

    /// <summary>PCA trained once on the fault-free probation days, then scoring the window ending at every later row.</summary>
    private static double[] PcaScores(double[] values, int probation)
    {
        var model = PcaAnomalyModel.Train(values[..probation]) ?? throw new InvalidDataException("PCA model did not train");
        var scores = new double[values.Length];
        for (var t = model.WindowLength - 1; t < values.Length; t++)
        {
            scores[t] = model.Score(values.AsSpan(t - model.WindowLength + 1, model.WindowLength));
        }

        return scores;
    }

    private static Tally Evaluate(IntradayStream stream, double[] scores, double threshold, int probation)
    {
        var alarms = new List<int>();
        var last = int.MinValue / 2;
        for (var t = probation; t < scores.Length; t++)
        {
            if (scores[t] >= threshold && t - last >= Refractory)
            {
                alarms.Add(t);
                last = t;
            }
        }

        var trueAlarms = alarms.Count(a => stream.Anomalies.Any(f => a >= f.Start && a < f.End + Grace));
        var delays = new List<int>();
        foreach (var fault in stream.Anomalies)
        {
            var first = alarms.FirstOrDefault(a => a >= fault.Start && a < fault.End + Grace, -1);
            if (first >= 0)
            {
                delays.Add((first - fault.Start) * IntradayStreamGenerator.MinutesPerSample);
            }
        }

        return new Tally(stream.Anomalies.Count, alarms.Count, trueAlarms, delays);
    }

    private static string Minutes(int[] sorted, double q) =>
        sorted.Length == 0 ? "-" : $"{sorted[Math.Min(sorted.Length - 1, (int)(q * (sorted.Length - 1)))]} min";

    private sealed record Tally(int Faults, int Alarms, int TrueAlarms, List<int> Delays);
}
