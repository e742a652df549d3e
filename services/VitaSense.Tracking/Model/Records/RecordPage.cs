using System.Text.Json.Serialization;

namespace VitaSense.Tracking.Model.Records;

/// <summary>One page of a user's records, newest first.</summary>
/// <typeparam name="T">The record view.</typeparam>
/// <param name="Items">The records of this page.</param>
/// <param name="Total">How many records match the filters in all.</param>
/// <param name="Limit">The page size asked for.</param>
/// <param name="Offset">How many matching records come before this page.</param>
public sealed record RecordPage<T>(
    [property: JsonPropertyName("items")] IReadOnlyList<T> Items,
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("offset")] int Offset);
