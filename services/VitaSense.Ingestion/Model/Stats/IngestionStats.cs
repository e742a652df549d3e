using System.Text.Json.Serialization;

namespace VitaSense.Ingestion.Model.Stats;

/// <summary>What <c>GET /api/v1/stats</c> answers: the caller's stored data and how it has been arriving.</summary>
public sealed record IngestionStats
{
    /// <summary>Stored readings per metric type or collection.</summary>
    [JsonPropertyName("rows_by_type")] public required IReadOnlyDictionary<string, long> RowsByType { get; init; }

    /// <summary>Sum of <see cref="RowsByType"/>.</summary>
    [JsonPropertyName("total_rows")] public long TotalRows { get; init; }

    /// <summary>Distinct (metric, source) streams.</summary>
    [JsonPropertyName("streams")] public long Streams { get; init; }

    /// <summary>Payloads and readings accepted over the last hour and day.</summary>
    [JsonPropertyName("ingestion_rates")] public required IngestionRates Rates { get; init; }

    /// <summary>The latest payload per API key (or per token for people).</summary>
    [JsonPropertyName("last_sync_by_key")] public required IReadOnlyList<KeyLastSync> LastSyncByKey { get; init; }

    /// <summary>When these figures were computed.</summary>
    [JsonPropertyName("generated_at")] public DateTimeOffset GeneratedAt { get; init; }
}

/// <summary>Ingestion volume over recent windows.</summary>
/// <param name="PayloadsLastHour">Payloads received in the last hour.</param>
/// <param name="PayloadsLastDay">Payloads received in the last 24 hours.</param>
/// <param name="AcceptedLastHour">Readings newly stored in the last hour.</param>
/// <param name="AcceptedLastDay">Readings newly stored in the last 24 hours.</param>
/// <param name="BytesLastDay">Body bytes received in the last 24 hours.</param>
public sealed record IngestionRates(
    [property: JsonPropertyName("payloads_last_hour")] long PayloadsLastHour,
    [property: JsonPropertyName("payloads_last_day")] long PayloadsLastDay,
    [property: JsonPropertyName("accepted_last_hour")] long AcceptedLastHour,
    [property: JsonPropertyName("accepted_last_day")] long AcceptedLastDay,
    [property: JsonPropertyName("bytes_last_day")] long BytesLastDay);

/// <summary>The latest payload sent with one API key.</summary>
/// <param name="ApiKeyId">The key id; null for payloads sent with a person's token.</param>
/// <param name="Kind"><c>health_export</c> or <c>device_data</c>.</param>
/// <param name="LastSync">When it arrived.</param>
/// <param name="Status">How it ended: completed, partial, rejected, failed or receiving.</param>
/// <param name="Payloads">Payloads sent with this key in total.</param>
public sealed record KeyLastSync(
    [property: JsonPropertyName("api_key_id")] string? ApiKeyId,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("last_sync")] DateTimeOffset LastSync,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("payloads")] long Payloads);
