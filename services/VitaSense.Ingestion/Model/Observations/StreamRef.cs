namespace VitaSense.Ingestion.Model.Observations;

/// <summary>
/// One user's one metric from one source: the series a reading belongs to. Rows of a batch point at a shared
/// instance; the writer fills <see cref="Id"/> from <c>ingestion.streams</c> before copying them.
/// </summary>
public sealed class StreamRef(string userId, string metric, string source, string? deviceId, string origin, string? unit)
{
    /// <summary>Owner.</summary>
    public string UserId { get; } = userId;

    /// <summary>Canonical metric name (or a collection such as <c>workouts</c>).</summary>
    public string Metric { get; } = metric;

    /// <summary>An app source such as <c>My Apple Watch</c> (pipe-joined when several), or a device id.</summary>
    public string Source { get; } = source;

    /// <summary>The registered device, when known.</summary>
    public string? DeviceId { get; } = deviceId;

    /// <summary>One of <see cref="ObservationOrigins"/>.</summary>
    public string Origin { get; } = origin;

    /// <summary>The canonical unit of the stream's values.</summary>
    public string? Unit { get; } = unit;

    /// <summary>The <c>stream_id</c>; 0 until resolved.</summary>
    public int Id { get; set; }
}
