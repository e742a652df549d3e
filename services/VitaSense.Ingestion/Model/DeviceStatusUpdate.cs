namespace VitaSense.Ingestion.Model;

/// <summary>A report together with the user it belongs to: the unit the write path stores.</summary>
/// <param name="UserId">The owner (the caller's <c>sub</c>, or <c>anonymous</c> when authentication is off).</param>
/// <param name="Report">The report.</param>
public sealed record DeviceStatusUpdate(string UserId, DeviceStatusReport Report);
