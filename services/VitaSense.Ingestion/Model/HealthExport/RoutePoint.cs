namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>A GPS point of a workout route (<c>latitude</c>/<c>longitude</c>, or <c>lat</c>/<c>lon</c> in the legacy format).</summary>
public readonly record struct RoutePoint(double Latitude, double Longitude, double? Altitude, DateTimeOffset? Timestamp, double? Speed);
