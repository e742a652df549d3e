namespace VitaSense.Ingestion.Infrastructure;

/// <summary>
/// Marks endpoints whose 401 must carry the device-status specification's body, <c>{"detail": "Invalid API key"}</c>,
/// whichever scheme (API key or JWT) the request tried.
/// </summary>
public sealed class InvalidApiKeyChallengeMetadata;
