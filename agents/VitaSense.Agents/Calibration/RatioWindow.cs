namespace VitaSense.Agents.Calibration;

/// <summary>The last <c>capacity</c> ratios of reference to device readings, with their median and spread.</summary>
public sealed class RatioWindow(int capacity)
{
    private readonly Queue<double> ratios = new(capacity);

    /// <summary>Ratios held.</summary>
    public int Count => ratios.Count;

    /// <summary>Adds a ratio, forgetting the oldest when full.</summary>
    public void Add(double ratio)
    {
        if (ratios.Count == capacity)
        {
            ratios.Dequeue();
        }
        ratios.Enqueue(ratio);
    }

    /// <summary>The median and the median absolute deviation; (1, 0) when empty.</summary>
    public (double Median, double Mad) MedianAndMad()
    {
        if (ratios.Count == 0)
        {
            return (1, 0);
        }
        var sorted = ratios.ToArray();
        Array.Sort(sorted);
        var median = MedianOfSorted(sorted);
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = Math.Abs(sorted[i] - median);
        }
        Array.Sort(sorted);
        return (median, MedianOfSorted(sorted));
    }

    private static double MedianOfSorted(double[] sorted)
    {
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
