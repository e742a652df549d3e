namespace VitaSense.Ingestion.Model.DeviceData;

/// <summary>How an upload ended: stored (possibly with refused readings), or refused as a whole for its envelope.</summary>
/// <param name="Result">What happened to each reading; null when the envelope was refused.</param>
/// <param name="Errors">Why the envelope was refused; empty when it was read.</param>
public sealed record DeviceUploadOutcome(DeviceDataUploadResult? Result, IReadOnlyList<FieldError> Errors);
