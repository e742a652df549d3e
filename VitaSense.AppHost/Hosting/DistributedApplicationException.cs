namespace VitaSense.Hosting;

/// <summary>A failure the engine explains in one message (missing prerequisite, crashed or unhealthy resource); no stack trace needed.</summary>
public sealed class DistributedApplicationException(string message, Exception? inner = null) : Exception(message, inner);
