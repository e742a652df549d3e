namespace VitaSense.Agents.Model;

/// <summary>Settings of the data quality agent (configuration section <c>Agents:Quality</c>).</summary>
public sealed class DataQualityOptions
{
    /// <summary>
    /// How many streams (user, source, metric) keep their state in memory (about 4 KB each with the default windows); the
    /// least recently seen are forgotten first.
    /// </summary>
    public int StreamCapacity { get; set; } = 20_000;

    /// <summary>How many users keep their recent heart rate minutes for the cross-device check.</summary>
    public int UserCapacity { get; set; } = 10_000;

    /// <summary>Recent heart rate minutes kept per user (a day of one reading a minute from two devices by default).</summary>
    public int MinutesPerUser { get; set; } = 1_440;

    /// <summary>Values per stream the outlier score is computed against.</summary>
    public int OutlierWindow { get; set; } = 200;

    /// <summary>Robust standard deviations (MAD × 1.4826) that make an outlier score of 1, the outlier flag.</summary>
    public double OutlierThreshold { get; set; } = 5;

    /// <summary>Values a stream needs before its readings get an outlier score.</summary>
    public int OutlierMinSamples { get; set; } = 10;

    /// <summary>Recent intervals per stream its median sampling interval is computed from.</summary>
    public int IntervalWindow { get; set; } = 50;

    /// <summary>A gap is an interval longer than this many median intervals.</summary>
    public double GapFactor { get; set; } = 3;

    /// <summary>Intervals a stream needs before gaps are detected.</summary>
    public int GapMinIntervals { get; set; } = 5;

    /// <summary>The most readings one gap may miss and still be filled by interpolation (dense, regular streams only).</summary>
    public int MaxInterpolatedPoints { get; set; } = 5;

    /// <summary>Timestamps per stream remembered to recognise duplicates; an older re-sent reading is out of order instead.</summary>
    public int TimestampMemory { get; set; } = 256;

    /// <summary>
    /// Fewest identical readings that make a <c>flatline</c>, besides lasting the metric's limit: two readings an hour
    /// apart that happen to agree are not a stuck sensor.
    /// </summary>
    public int FlatlineMinReadings { get; set; } = 10;

    /// <summary>Heart rates of two devices at the same minute differing by more than this (bpm) disagree.</summary>
    public double CrossDeviceHeartRateTolerance { get; set; } = 20;

    /// <summary>How many streams keep a PCA window model and their recent clean values in memory (about 16 KB each).</summary>
    public int ModelStreamCapacity { get; set; } = 2_000;

    /// <summary>Recent clean values per stream a model trains on and the analysis reads.</summary>
    public int ModelHistory { get; set; } = 1_024;

    /// <summary>New clean values since the last training that start a background retrain of a stream's model.</summary>
    public int ModelRetrainEvery { get; set; } = 256;

    /// <summary>How long a user's calibration factors are used before they are read again (in the background: the stream goes on with them meanwhile).</summary>
    public TimeSpan CalibrationRefresh { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the streams' changed states are written to the database, in one statement. A crash loses at most
    /// this much of the states' history (a restart resumes from slightly older windows); the outputs are not affected.
    /// </summary>
    public TimeSpan StateFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest the agent's Kafka fetch waits for new readings (<c>fetch.wait.max.ms</c>). The AppHost's Kafka (librdkafka's
    /// mock cluster) answers a fetch only when this runs out, so it bounds the time a reading waits to be picked up.
    /// </summary>
    public TimeSpan FetchWaitMax { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The shortest time between two trainings of one stream's model, however many values arrived.</summary>
    public TimeSpan ModelRetrainInterval { get; set; } = TimeSpan.FromMinutes(5);
}
