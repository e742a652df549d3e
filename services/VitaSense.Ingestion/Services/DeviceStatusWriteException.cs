namespace VitaSense.Ingestion.Services;

/// <summary>The batch holding an update could not be committed; none of the batch was stored.</summary>
public sealed class DeviceStatusWriteException(string message, Exception innerException) : Exception(message, innerException);
