using VitaSense.Contracts;

namespace VitaSense.Ingestion.Model.DeviceData;

/// <summary>Settings of the device data endpoints and the device → owner map, section <c>DeviceData</c>.</summary>
public sealed class DeviceDataOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "DeviceData";

    /// <summary>Largest accepted upload body; larger is answered 413 (default 1 MiB).</summary>
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most readings in one upload's <c>values</c> (default 10,000).</summary>
    public int MaxValues { get; set; } = 10_000;

    /// <summary>
    /// Requests per minute per caller over all of <c>/api/v1/devices/{id}/data</c> (default 600), counted in Redis so
    /// every replica shares one budget; over it the answer is 429 with Retry-After.
    /// </summary>
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>How far in the future a reading's timestamp may be, for device clock drift (default 300 s).</summary>
    public int FutureToleranceSeconds { get; set; } = 300;

    /// <summary>
    /// How long a device's owner is remembered in memory (default 5 s): an unregistration or a change of owner
    /// handled by another replica takes effect here within this time.
    /// </summary>
    public int OwnerCacheSeconds { get; set; } = 5;

    /// <summary>
    /// The Kafka consumer group reading device lifecycle events. Every replica sharing one database must share it;
    /// only a separate database (a test's) needs a group of its own.
    /// </summary>
    public string OwnerConsumerGroup { get; set; } = ConsumerGroups.Ingestion;
}
