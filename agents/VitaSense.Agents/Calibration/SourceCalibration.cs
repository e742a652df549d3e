namespace VitaSense.Agents.Calibration;

/// <summary>One source's recent readings by minute, its ratios against the reference and what was last announced.</summary>
public sealed class SourceCalibration(int minuteCapacity, int pairWindow)
{
    private readonly Dictionary<long, double> minutes = new(minuteCapacity);
    private readonly Queue<long> order = new(minuteCapacity);
    // Minutes not paired yet: an exact match may still come; a neighbouring one is taken only once it cannot.
    private readonly SortedSet<long> unpaired = [];

    /// <summary>The registered device, when known.</summary>
    public string? DeviceId { get; set; }

    /// <summary>The latest minute with a reading.</summary>
    public long LatestMinute { get; private set; } = long.MinValue;

    /// <summary>Reference / device ratios of the recent pairs.</summary>
    public RatioWindow Ratios { get; } = new(pairWindow);

    /// <summary>The factor last announced, when one was.</summary>
    public double? AnnouncedFactor { get; private set; }

    /// <summary>The confidence of the factor last announced.</summary>
    public double AnnouncedConfidence { get; private set; }

    /// <summary>The status last announced.</summary>
    public string AnnouncedStatus { get; private set; } = CalibrationStatus.Uncalibrated;

    /// <summary>Records a reading at <paramref name="minute"/>; false when that minute already has one (a duplicate).</summary>
    public bool Record(long minute, double value)
    {
        if (minutes.ContainsKey(minute))
        {
            return false;
        }
        if (order.Count == minuteCapacity)
        {
            var evicted = order.Dequeue();
            minutes.Remove(evicted);
            unpaired.Remove(evicted);
        }
        minutes[minute] = value;
        order.Enqueue(minute);
        unpaired.Add(minute);
        LatestMinute = Math.Max(LatestMinute, minute);
        return true;
    }

    /// <summary>The reading at exactly <paramref name="minute"/>.</summary>
    public bool TryGet(long minute, out double value) => minutes.TryGetValue(minute, out value);

    /// <summary>Takes the unpaired reading at exactly <paramref name="minute"/> for a pair.</summary>
    public bool TryTakeUnpaired(long minute, out double value)
    {
        if (unpaired.Remove(minute))
        {
            value = minutes[minute];
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>
    /// Pairs the unpaired minutes the reference has moved past (it will not send them any more) with the reference's
    /// reading a minute before or after, adding reference / device ratios; minutes without one are given up.
    /// </summary>
    public int PairWithNeighbours(SourceCalibration reference)
    {
        var added = 0;
        while (unpaired.Count > 0 && unpaired.Min < reference.LatestMinute)
        {
            var minute = unpaired.Min;
            unpaired.Remove(minute);
            if (reference.TryGet(minute, out var referenceValue) || reference.TryGet(minute - 1, out referenceValue) || reference.TryGet(minute + 1, out referenceValue))
            {
                Ratios.Add(referenceValue / minutes[minute]);
                added++;
            }
        }
        return added;
    }

    /// <summary>Remembers what was announced, once the event is published.</summary>
    public void MarkAnnounced(double factor, string status, double confidence)
    {
        AnnouncedFactor = factor;
        AnnouncedConfidence = confidence;
        AnnouncedStatus = status;
    }
}
