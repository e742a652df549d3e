namespace VitaSense.Agents.Quality;

/// <summary>
/// The last <c>capacity</c> values of a stream, oldest forgotten first, with their median and MAD. The values are also
/// kept sorted (an insertion and a removal per value, a memmove of at most <c>capacity</c>), so the median is a lookup
/// and the MAD one merge-walk of the deviations either side of it, instead of two sorts per reading.
/// </summary>
public sealed class RollingWindow
{
    private readonly double[] values;
    private readonly double[] sorted;
    private int start;
    private int count;

    /// <summary>An empty window holding up to <paramref name="capacity"/> values.</summary>
    public RollingWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        values = new double[capacity];
        sorted = new double[capacity];
    }

    private RollingWindow(RollingWindow other)
    {
        values = (double[])other.values.Clone();
        sorted = (double[])other.sorted.Clone();
        start = other.start;
        count = other.count;
    }

    /// <summary>Values held.</summary>
    public int Count => count;

    /// <summary>The most values it holds.</summary>
    public int Capacity => values.Length;

    /// <summary>Adds <paramref name="value"/> (a finite number), forgetting the oldest when full.</summary>
    public void Add(double value)
    {
        if (count < values.Length)
        {
            values[(start + count) % values.Length] = value;
            count++;
            Insert(value, count - 1);
            return;
        }
        Remove(values[start]);
        values[start] = value;
        start = (start + 1) % values.Length;
        Insert(value, count - 1);
    }

    /// <summary>An independent copy.</summary>
    public RollingWindow Clone() => new(this);

    /// <summary>The values from the oldest to the newest; adding them to an empty window rebuilds this one.</summary>
    public IEnumerable<double> InOrder()
    {
        for (var i = 0; i < count; i++)
        {
            yield return values[(start + i) % values.Length];
        }
    }

    /// <summary>The median of the values and their median absolute deviation from it; (0, 0) when empty.</summary>
    public (double Median, double Mad) MedianAndMad()
    {
        if (count == 0)
        {
            return (0, 0);
        }
        var median = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
        var mad = count % 2 == 1
            ? DeviationAt(median, count / 2)
            : (DeviationAt(median, count / 2 - 1) + DeviationAt(median, count / 2)) / 2;
        return (median, mad);
    }

    /// <summary>The share of the values within <paramref name="tolerance"/> of <paramref name="center"/> (0 when empty).</summary>
    public double FractionWithin(double center, double tolerance)
    {
        if (count == 0)
        {
            return 0;
        }
        var span = sorted.AsSpan(0, count);
        var from = LowerBound(span, center - tolerance);
        var to = LowerBound(span, Math.BitIncrement(center + tolerance));
        return (double)(to - from) / count;
    }

    // The rank-th smallest |x - median| (0-based): the deviations below the median grow leftwards and those above it
    // grow rightwards, two sorted runs merged until rank.
    private double DeviationAt(double median, int rank)
    {
        var right = LowerBound(sorted.AsSpan(0, count), median);
        var left = right - 1;
        var deviation = 0.0;
        for (var taken = 0; taken <= rank; taken++)
        {
            var leftDeviation = left >= 0 ? median - sorted[left] : double.PositiveInfinity;
            var rightDeviation = right < count ? sorted[right] - median : double.PositiveInfinity;
            if (leftDeviation <= rightDeviation)
            {
                deviation = leftDeviation;
                left--;
            }
            else
            {
                deviation = rightDeviation;
                right++;
            }
        }
        return deviation;
    }

    private void Insert(double value, int length)
    {
        var index = LowerBound(sorted.AsSpan(0, length), value);
        sorted.AsSpan(index, length - index).CopyTo(sorted.AsSpan(index + 1));
        sorted[index] = value;
    }

    private void Remove(double value)
    {
        var index = LowerBound(sorted.AsSpan(0, count), value);
        sorted.AsSpan(index + 1, count - index - 1).CopyTo(sorted.AsSpan(index));
    }

    private static int LowerBound(ReadOnlySpan<double> span, double value)
    {
        int low = 0, high = span.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (span[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }
}
