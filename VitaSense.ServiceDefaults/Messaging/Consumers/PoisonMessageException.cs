namespace VitaSense.ServiceDefaults.Messaging.Consumers;

/// <summary>
/// Thrown by a handler for a message that can never be processed (malformed, invalid data). The consumer sends it to
/// the dead-letter topic at once instead of retrying.
/// </summary>
public sealed class PoisonMessageException(string message, Exception? innerException = null) : Exception(message, innerException);
