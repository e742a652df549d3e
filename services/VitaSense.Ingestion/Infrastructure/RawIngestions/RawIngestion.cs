namespace VitaSense.Ingestion.Infrastructure.RawIngestions;

/// <summary>Who sent a payload and how, recorded in <c>ingestion.raw_ingestions</c> before it is processed.</summary>
/// <param name="UserId">Owner of the data.</param>
/// <param name="ApiKeyId">The API key used, if any.</param>
/// <param name="Kind">What endpoint took it: <c>health_export</c> or <c>device_data</c>.</param>
/// <param name="DeviceId">The device, for device uploads.</param>
/// <param name="SessionId">The <c>session-id</c> header of a Health Auto Export batch.</param>
/// <param name="Headers">The <c>automation-*</c> headers and the like, as JSON; null when none.</param>
/// <param name="ContentType">The request's content type.</param>
public sealed record RawIngestion(
    string UserId,
    string? ApiKeyId,
    string Kind,
    string? DeviceId,
    string? SessionId,
    string? Headers,
    string? ContentType);
