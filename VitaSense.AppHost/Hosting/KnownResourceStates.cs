namespace VitaSense.Hosting;

/// <summary>The states a resource goes through (a subset of Aspire's <c>KnownResourceStates</c>).</summary>
public static class KnownResourceStates
{
    /// <summary>Declared, not started (yet, or at all: an unused server).</summary>
    public const string NotStarted = "NotStarted";

    /// <summary>Waiting for the resources it waits for to be healthy.</summary>
    public const string Waiting = "Waiting";

    /// <summary>Process launched or server being prepared.</summary>
    public const string Starting = "Starting";

    /// <summary>Running, health not confirmed yet.</summary>
    public const string Running = "Running";

    /// <summary>Running and answering its health check; dependants may start.</summary>
    public const string Healthy = "Healthy";

    /// <summary>Its process ended (a crash, or a stop).</summary>
    public const string Exited = "Exited";

    /// <summary>Could not be started (missing prerequisite, failed dependency, timeout).</summary>
    public const string FailedToStart = "FailedToStart";

    /// <summary>Being stopped by the engine.</summary>
    public const string Stopping = "Stopping";

    /// <summary>States a resource does not leave by itself.</summary>
    public static bool IsTerminal(string state) => state is Exited or FailedToStart;
}
