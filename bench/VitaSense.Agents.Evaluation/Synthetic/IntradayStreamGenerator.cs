namespace VitaSense.Agents.Evaluation.Synthetic;

/// <summary>
/// Seeded 5-minute wearable streams with normal behaviour that looks anomalous to a naive detector
/// (heart rate: a circadian rhythm, lower asleep, and exercise bouts; glucose: three meal spikes a day of varying
/// size and timing) and faults of one known kind injected after the first <see cref="ProbationDays"/> days.
/// </summary>
public static class IntradayStreamGenerator
{
    public const int SamplesPerDay = 288;
    public const int MinutesPerSample = 5;
    public const int ProbationDays = 2;

    public static IntradayStream Generate(IntradayMetric metric, AnomalyKind kind, int days, int anomalies, int seed)
    {
        var random = new Random(seed * 97 + (int)metric * 7 + (int)kind);
        var values = metric == IntradayMetric.HeartRate ? HeartRate(days, random) : Glucose(days, random);
        var injected = new List<InjectedAnomaly>();
        // Faults are spread evenly over the days after probation, each at a random time of its slot.
        var slot = (days - ProbationDays - 1) * SamplesPerDay / anomalies;
        for (var a = 0; a < anomalies; a++)
        {
            var start = ProbationDays * SamplesPerDay + a * slot + random.Next(slot / 2);
            injected.Add(Inject(values, metric, kind, start));
        }

        return new IntradayStream(metric, values, injected);
    }

    private static InjectedAnomaly Inject(double[] values, IntradayMetric metric, AnomalyKind kind, int start)
    {
        var heart = metric == IntradayMetric.HeartRate;
        switch (kind)
        {
            case AnomalyKind.Spike:
                values[start] += heart ? 60 : 120;
                return new(kind, start, start + 1);
            case AnomalyKind.LevelShift:
            {
                var end = Math.Min(values.Length, start + SamplesPerDay);
                for (var t = start; t < end; t++)
                {
                    values[t] += heart ? 20 : 45;
                }

                return new(kind, start, end);
            }

            case AnomalyKind.Drift:
            {
                var ramp = SamplesPerDay / 2;
                var end = Math.Min(values.Length, start + SamplesPerDay);
                for (var t = start; t < end; t++)
                {
                    values[t] += (heart ? 25 : 60) * Math.Min(1.0, (t - start + 1.0) / ramp);
                }

                return new(kind, start, end);
            }

            case AnomalyKind.Flatline:
            {
                var end = Math.Min(values.Length, start + 36);
                for (var t = start; t < end; t++)
                {
                    values[t] = values[start - 1];
                }

                return new(kind, start, end);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private static double[] HeartRate(int days, Random random)
    {
        var values = new double[days * SamplesPerDay];
        double exercise = 0;
        var exerciseLeft = 0;
        double wander = 0;
        for (var t = 0; t < values.Length; t++)
        {
            var hour = t % SamplesPerDay * MinutesPerSample / 60.0;
            var asleep = hour < 6.5 || hour >= 23;
            var circadian = asleep ? -9 + 2 * Math.Sin(Math.PI * hour / 6.5) : 6 * Math.Sin(Math.PI * (hour - 6.5) / 16.5);
            // A few exercise bouts a day, only while awake: normal, large, and the detector must live with them.
            if (exerciseLeft == 0 && !asleep && random.NextDouble() < 0.012)
            {
                exerciseLeft = random.Next(3, 10);
                exercise = random.Next(15, 40);
            }

            var bout = exerciseLeft > 0 ? exercise : 0;
            exerciseLeft = Math.Max(0, exerciseLeft - 1);
            wander = 0.9 * wander + DailySeriesGenerator.Gaussian(random);
            values[t] = 64 + circadian + bout + 1.0 * wander + 1.5 * DailySeriesGenerator.Gaussian(random);
        }

        return values;
    }

    private static double[] Glucose(int days, Random random)
    {
        var values = new double[days * SamplesPerDay];
        var meals = new List<(int Start, double Size)>();
        for (var d = 0; d < days; d++)
        {
            foreach (var hour in new[] { 7.5, 12.5, 19.0 })
            {
                var minute = (hour + (random.NextDouble() - 0.5)) * 60;
                meals.Add((d * SamplesPerDay + (int)(minute / MinutesPerSample), 25 + 45 * random.NextDouble()));
            }
        }

        double wander = 0;
        for (var t = 0; t < values.Length; t++)
        {
            double response = 0;
            foreach (var (mealStart, size) in meals)
            {
                var minutes = (t - mealStart) * MinutesPerSample;
                if (minutes > 0 && minutes < 240)
                {
                    // Rises to its peak about 45 minutes after the meal, back near baseline after about three hours.
                    var x = minutes / 45.0;
                    response += size * x * Math.Exp(1 - x);
                }
            }

            wander = 0.95 * wander + 0.8 * DailySeriesGenerator.Gaussian(random);
            values[t] = 92 + response + wander + 2 * DailySeriesGenerator.Gaussian(random);
        }

        return values;
    }
}
