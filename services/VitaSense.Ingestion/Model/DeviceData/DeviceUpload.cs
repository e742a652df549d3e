using System.Text.Json;
using VitaSense.Ingestion.Model.HealthExport;

namespace VitaSense.Ingestion.Model.DeviceData;

/// <summary>An upload whose envelope is valid; its readings are checked one by one as they are mapped.</summary>
/// <param name="DataType">Canonical metric name.</param>
/// <param name="Definition">The metric, or null for one VitaSense does not know (stored as sent).</param>
/// <param name="Timestamp">The upload's time, for readings that carry none.</param>
/// <param name="Values">The <c>values</c> array (valid while its document is).</param>
/// <param name="MetadataJson">The <c>metadata</c> object as JSON, when small enough to keep with each reading.</param>
public sealed record DeviceUpload(string DataType, MetricDefinition? Definition, DateTimeOffset? Timestamp, JsonElement Values, string? MetadataJson);
