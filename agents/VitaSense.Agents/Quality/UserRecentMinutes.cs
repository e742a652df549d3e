namespace VitaSense.Agents.Quality;

/// <summary>
/// A user's recent heart rate readings by minute and source, bounded to <c>capacity</c> minutes (the minutes recorded
/// first are forgotten first), for comparing two devices that measured the same minute.
/// </summary>
public sealed class UserRecentMinutes(int capacity)
{
    private readonly Dictionary<long, List<(string Source, double Value)>> minutes = new();
    private readonly Queue<long> order = new();

    /// <summary>Minutes held.</summary>
    public int Count => minutes.Count;

    /// <summary>Readings of <paramref name="minute"/> from sources other than <paramref name="source"/>.</summary>
    public IEnumerable<(string Source, double Value)> Others(long minute, string source) =>
        minutes.TryGetValue(minute, out var readings)
            ? readings.Where(r => !string.Equals(r.Source, source, StringComparison.Ordinal))
            : [];

    /// <summary>Records a reading; a source's later reading of the same minute replaces its earlier one.</summary>
    public void Record(MinuteReading reading)
    {
        if (!minutes.TryGetValue(reading.Minute, out var readings))
        {
            if (minutes.Count >= capacity && order.TryDequeue(out var oldest))
            {
                minutes.Remove(oldest);
            }
            readings = new List<(string, double)>(2);
            minutes[reading.Minute] = readings;
            order.Enqueue(reading.Minute);
        }
        var index = readings.FindIndex(r => string.Equals(r.Source, reading.Source, StringComparison.Ordinal));
        if (index >= 0)
        {
            readings[index] = (reading.Source, reading.Value);
        }
        else
        {
            readings.Add((reading.Source, reading.Value));
        }
    }
}
