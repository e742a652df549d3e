using System.Text.Json.Serialization;

namespace VitaSense.Contracts;

/// <summary>
/// A CloudEvents 1.0 envelope in structured JSON mode: the whole event, attributes and data, is the Kafka message value.
/// </summary>
/// <typeparam name="TData">The payload type named by <see cref="Type"/>.</typeparam>
public sealed record CloudEvent<TData>
{
    /// <summary>The CloudEvents spec version; always 1.0.</summary>
    [JsonPropertyName("specversion")] public string SpecVersion { get; init; } = "1.0";

    /// <summary>Unique per source; a consumer seeing the same id twice is seeing a redelivery.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }

    /// <summary>One of <see cref="EventTypes"/>.</summary>
    [JsonPropertyName("type")] public required string Type { get; init; }

    /// <summary>The producing service, as a URI reference such as <c>/ingestion</c>.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }

    /// <summary>What the event is about, usually a device id.</summary>
    [JsonPropertyName("subject")] public string? Subject { get; init; }

    /// <summary>When the occurrence happened.</summary>
    [JsonPropertyName("time")] public DateTimeOffset Time { get; init; }

    /// <summary>Media type of <see cref="Data"/>.</summary>
    [JsonPropertyName("datacontenttype")] public string DataContentType { get; init; } = "application/json";

    /// <summary>The payload.</summary>
    [JsonPropertyName("data")] public required TData Data { get; init; }
}
